with source as (
    select * from {{ source('opendental', 'allergy') }}
),

renamed as (
    select
        -- ids
        allergynum as allergy_id,
        {{ od_key('allergydefnum') }} as allergy_definition_id,
        {{ od_key('patnum') }} as patient_id,

        -- dates
        {{ od_date('dateadversereaction') }} as adverse_reaction_date,

        -- attributes
        {{ od_text('reaction') }} as reaction,
        {{ od_text('snomedreaction') }} as snomed_reaction,

        -- flags
        {{ od_bool('statusisactive') }} as is_active,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
