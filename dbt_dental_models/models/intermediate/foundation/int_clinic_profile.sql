with

clinics as (
    select * from {{ ref('stg_opendental__clinic') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

operatories as (
    select * from {{ ref('stg_opendental__operatory') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

clinic_patients as (
    select
        clinic_id,
        count(*) as patient_count,
        count(case when patient_status_code = 0 then 1 end) as active_patient_count
    from patients
    where clinic_id is not null
    group by clinic_id
),

clinic_operatories as (
    select
        clinic_id,
        count(case when not is_hidden then 1 end) as operatory_count
    from operatories
    where clinic_id is not null
    group by clinic_id
),

clinic_work as (
    select
        clinic_id,
        count(distinct provider_id) as provider_count,
        min(procedure_date) as first_procedure_date,
        max(procedure_date) as last_procedure_date
    from procedures
    where procedure_status_code = 2
        and clinic_id is not null
        and procedure_date <= {{ as_of_date() }}
    group by clinic_id
),

final as (
    select
        -- ids
        clinics.clinic_id,
        clinics.default_provider_id,
        clinics.insurance_billing_provider_id,
        clinics.region_definition_id,

        -- dates
        clinic_work.first_procedure_date,
        clinic_work.last_procedure_date,

        -- attributes
        clinics.description,
        clinics.abbreviation,
        clinics.city,
        clinics.state,
        clinics.zip_code,
        clinics.time_zone,
        regions.item_name as region_name,
        clinics.insurance_billing_provider_rule,
        coalesce(clinic_patients.patient_count, 0) as patient_count,
        coalesce(clinic_patients.active_patient_count, 0) as active_patient_count,
        coalesce(clinic_operatories.operatory_count, 0) as operatory_count,
        coalesce(clinic_work.provider_count, 0) as provider_count,

        -- flags
        clinics.is_hidden,
        clinics.is_medical_only
    from clinics
    left join definitions as regions
        on clinics.region_definition_id = regions.definition_id
    left join clinic_patients
        on clinics.clinic_id = clinic_patients.clinic_id
    left join clinic_operatories
        on clinics.clinic_id = clinic_operatories.clinic_id
    left join clinic_work
        on clinics.clinic_id = clinic_work.clinic_id
)

select * from final
