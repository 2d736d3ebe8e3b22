with source as (
    select * from {{ source('opendental', 'medication') }}
),

renamed as (
    select
        -- ids
        medicationnum as medication_id,
        {{ od_key('genericnum') }} as generic_medication_id,

        -- attributes
        {{ od_text('medname') }} as medication_name,
        {{ od_text('notes') }} as notes,
        rxcui as rxnorm_code,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
