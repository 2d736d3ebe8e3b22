with

field_definitions as (
    select * from {{ ref('stg_opendental__patfielddef') }}
),

field_values as (
    select * from {{ ref('stg_opendental__patfield') }}
),

-- Names values carry that no definition has (the practice renamed or deleted the field).
undefined_names as (
    select distinct field_values.field_name
    from field_values
    left join field_definitions
        on field_values.field_name = field_definitions.field_name
    where field_definitions.field_name is null
),

final as (
    select
        field_name,
        patient_field_definition_id,
        field_type,
        is_hidden,
        true as is_defined_field,
        item_order
    from field_definitions
    union all
    select
        field_name,
        cast(null as bigint) as patient_field_definition_id,
        cast(null as {{ dbt.type_string() }}) as field_type,
        false as is_hidden,
        false as is_defined_field,
        cast(null as integer) as item_order
    from undefined_names
)

select * from final
