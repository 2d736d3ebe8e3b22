with source as (
    select * from {{ source('opendental', 'userodpref') }}
),

renamed as (
    select
        -- ids
        userodprefnum as user_preference_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('clinicnum') }} as clinic_id,
        -- The row the preference is about; which table depends on the kind (a clinic for
        -- clinic_last, a task list for task_list_block, a program for program, ...).
        {{ od_key('fkey') }} as related_object_id,

        -- attributes
        {{ od_text('valuestring') }} as preference_value,

        -- codes
        fkeytype as preference_kind_code,
        {{ od_enum_label('userodpref', 'FkeyType', 'fkeytype') }} as preference_kind,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
