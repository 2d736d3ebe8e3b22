with

field_values as (
    select * from {{ ref('int_patient_fields') }}
),

fields as (
    select * from {{ ref('int_patient_field_definitions') }}
),

patients as (
    select * from {{ ref('dim_patient') }}
),

active_patients as (
    select count(*) as active_patients
    from patients
    where is_active_patient
),

-- Each patient counts once per field (OpenDental keeps one value per patient and field).
values_by_field as (
    select
        field_values.field_name,
        count(distinct field_values.patient_id) as patients_with_value,
        count(distinct case when patients.is_active_patient then field_values.patient_id end)
            as active_patients_with_value,
        count(distinct field_values.field_value) as distinct_values
    from field_values
    left join patients
        on field_values.patient_id = patients.patient_id
    where field_values.has_value
    group by field_values.field_name
),

final as (
    select
        -- grain
        fields.field_name,

        -- the field
        fields.field_type,
        coalesce(fields.is_hidden, false) as is_hidden,
        fields.is_defined_field,
        cast(fields.item_order as integer) as item_order,

        -- coverage
        cast(coalesce(values_by_field.patients_with_value, 0) as bigint) as patients_with_value,
        cast(coalesce(values_by_field.active_patients_with_value, 0) as bigint) as active_patients_with_value,
        cast(active_patients.active_patients as bigint) as active_patients,
        {{ ratio('coalesce(values_by_field.active_patients_with_value, 0)', 'active_patients.active_patients') }}
            as active_patient_coverage,
        cast(coalesce(values_by_field.distinct_values, 0) as bigint) as distinct_values
    from fields
    cross join active_patients
    left join values_by_field
        on fields.field_name = values_by_field.field_name
)

select * from final
