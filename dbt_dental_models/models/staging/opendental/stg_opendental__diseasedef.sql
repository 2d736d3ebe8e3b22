with source as (
    select * from {{ source('opendental', 'diseasedef') }}
),

renamed as (
    select
        -- ids
        diseasedefnum as problem_definition_id,

        -- attributes
        {{ od_text('diseasename') }} as problem_name,
        itemorder as item_order,
        {{ od_text('icd9code') }} as icd9_code,
        {{ od_text('snomedcode') }} as snomed_code,
        {{ od_text('icd10code') }} as icd10_code,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
