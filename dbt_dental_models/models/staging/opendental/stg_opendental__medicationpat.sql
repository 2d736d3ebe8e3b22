with source as (
    select * from {{ source('opendental', 'medicationpat') }}
),

renamed as (
    select
        -- ids
        medicationpatnum as patient_medication_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('medicationnum') }} as medication_id,
        {{ od_key('provnum') }} as provider_id,

        -- dates
        {{ od_date('datestart') }} as start_date,
        {{ od_date('datestop') }} as stop_date,

        -- attributes
        {{ od_text('patnote') }} as patient_note,
        {{ od_text('meddescript') }} as medication_description,
        rxcui as rxnorm_code,
        {{ od_text('erxguid') }} as erx_id,

        -- flags
        {{ od_bool('iscpoe') }} as is_entered_by_provider,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
