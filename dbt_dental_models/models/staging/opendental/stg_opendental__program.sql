with source as (
    select * from {{ source('opendental', 'program') }}
),

renamed as (
    select
        -- ids
        programnum as program_id,

        -- attributes
        {{ od_text('progname') }} as program_name,
        {{ od_text('progdesc') }} as program_description,
        {{ od_text('path') }} as executable_path,
        {{ od_text('commandline') }} as command_line,
        {{ od_text('note') }} as note,
        {{ od_text('plugindllname') }} as plugin_dll_name,
        {{ od_text('buttonimage') }} as button_image,
        {{ od_text('filetemplate') }} as file_template,
        {{ od_text('filepath') }} as file_path,
        {{ od_text('custerr') }} as hq_disabled_message,

        -- flags
        {{ od_bool('enabled') }} as is_enabled,
        {{ od_bool('isdisabledbyhq') }} as is_disabled_by_hq,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
