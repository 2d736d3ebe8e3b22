with source as (
    select * from {{ source('opendental', 'appointmenttype') }}
),

renamed as (
    select
        -- ids
        appointmenttypenum as appointment_type_id,

        -- attributes
        {{ od_text('appointmenttypename') }} as appointment_type_name,
        appointmenttypecolor as appointment_type_color,
        itemorder as item_order,
        {{ od_text('pattern') }} as pattern,
        {{ od_text('codestr') }} as code_str,
        {{ od_text('codestrrequired') }} as code_str_required,
        {{ od_text('blockouttypes') }} as blockout_types,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        requiredproccodesneeded as required_procedure_codes_needed_code,
        {{ od_enum_label('appointmenttype', 'RequiredProcCodesNeeded', 'requiredproccodesneeded') }} as required_procedure_codes_needed,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
