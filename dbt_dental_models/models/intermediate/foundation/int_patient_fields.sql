with

field_values as (
    select * from {{ ref('stg_opendental__patfield') }}
),

field_definitions as (
    select * from {{ ref('stg_opendental__patfielddef') }}
),

final as (
    select
        -- grain
        field_values.patient_field_id,

        -- ids
        field_values.patient_id,
        field_definitions.patient_field_definition_id,

        -- the field
        field_values.field_name,
        field_definitions.field_type,
        coalesce(field_definitions.is_hidden, false) as is_hidden_field,
        field_definitions.patient_field_definition_id is not null as is_defined_field,

        -- the value: blank values (a cleared field) are not values
        field_values.field_value,
        field_values.field_value is not null as has_value,
        field_values.created_date,
        field_values.created_by_user_id
    from field_values
    left join field_definitions
        on field_values.field_name = field_definitions.field_name
)

select * from final
