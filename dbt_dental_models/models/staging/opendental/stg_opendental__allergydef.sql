with source as (
    select * from {{ source('opendental', 'allergydef') }}
),

renamed as (
    select
        -- ids
        allergydefnum as allergy_definition_id,
        {{ od_key('medicationnum') }} as medication_id,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('uniicode') }} as unii_code,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        snomedtype as snomed_type_code,
        {{ od_enum_label('allergydef', 'SnomedType', 'snomedtype') }} as snomed_type,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
