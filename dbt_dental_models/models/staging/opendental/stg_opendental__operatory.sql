with source as (
    select * from {{ source('opendental', 'operatory') }}
),

renamed as (
    select
        -- ids
        operatorynum as operatory_id,
        {{ od_key('provdentist') }} as dentist_id,
        {{ od_key('provhygienist') }} as hygienist_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('operatorytype') }} as operatory_type_definition_id,

        -- attributes
        {{ od_text('opname') }} as operatory_name,
        {{ od_text('abbrev') }} as abbreviation,
        itemorder as display_order,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('ishygiene') }} as is_hygiene,
        {{ od_bool('setprospective') }} as is_set_prospective,
        {{ od_bool('iswebsched') }} as is_web_sched,
        {{ od_bool('isnewpatappt') }} as is_web_sched_new_patient,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
