with source as (
    select * from {{ source('opendental', 'patfielddef') }}
),

renamed as (
    select
        -- ids
        patfielddefnum as patient_field_definition_id,

        -- attributes
        {{ od_text('fieldname') }} as field_name,
        {{ od_text('picklist') }} as pick_list,
        itemorder as item_order,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        fieldtype as field_type_code,
        {{ od_enum_label('patfielddef', 'FieldType', 'fieldtype') }} as field_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
