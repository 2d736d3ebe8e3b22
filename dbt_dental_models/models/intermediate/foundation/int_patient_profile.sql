{{ config(materialized='table') }}

with

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

patient_plans as (
    select * from {{ ref('stg_opendental__patplan') }}
),

insurance_subscribers as (
    select * from {{ ref('stg_opendental__inssub') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

-- Age in whole years on the as-of date: the year difference, less one before the birthday.
patient_ages as (
    select
        patient_id,
        case
            when birth_date is not null and birth_date <= {{ as_of_date() }} then
                cast(extract(year from {{ as_of_date() }}) as integer)
                - cast(extract(year from birth_date) as integer)
                - case
                    when cast(extract(month from {{ as_of_date() }}) as integer) * 100
                        + cast(extract(day from {{ as_of_date() }}) as integer)
                        < cast(extract(month from birth_date) as integer) * 100
                        + cast(extract(day from birth_date) as integer)
                        then 1
                    else 0
                end
        end as age_years
    from patients
),

families as (
    select
        guarantor_id,
        count(*) as family_member_count
    from patients
    where guarantor_id is not null
    group by guarantor_id
),

-- Active coverage: a patplan (ordinal 1 primary, 2 secondary, ...) whose enrolment has started
-- and not ended by the as-of date.
active_coverage as (
    select
        patient_plans.patient_id,
        patient_plans.coverage_ordinal,
        insurance_subscribers.insurance_plan_id,
        row_number() over (
            partition by patient_plans.patient_id
            order by patient_plans.coverage_ordinal, patient_plans.patient_plan_id
        ) as coverage_rank
    from patient_plans
    inner join insurance_subscribers
        on patient_plans.insurance_subscriber_id = insurance_subscribers.insurance_subscriber_id
    where patient_plans.coverage_ordinal > 0
        and (insurance_subscribers.effective_date is null or insurance_subscribers.effective_date <= {{ as_of_date() }})
        and (insurance_subscribers.termination_date is null or insurance_subscribers.termination_date >= {{ as_of_date() }})
),

patient_coverage as (
    select
        patient_id,
        count(*) as active_plan_count,
        max(case when coverage_rank = 1 then insurance_plan_id end) as primary_insurance_plan_id,
        max(case when coverage_rank = 2 then insurance_plan_id end) as secondary_insurance_plan_id
    from active_coverage
    group by patient_id
),

-- A visit is a day with completed work: a completed procedure (broken-appointment tracking
-- codes are charges, not visits) or a completed appointment, on or before the as-of date.
visit_days as (
    select
        procedures.patient_id,
        procedures.procedure_date as visit_date
    from procedures
    inner join procedure_codes
        on procedures.procedure_code_id = procedure_codes.procedure_code_id
    where procedures.procedure_status_code = 2
        and procedures.procedure_date <= {{ as_of_date() }}
        and procedure_codes.procedure_code not in ({{ broken_appointment_code_list() }})
    union all
    select
        patient_id,
        cast(appointment_at as date) as visit_date
    from appointments
    where appointment_status_code = 2
        and cast(appointment_at as date) <= {{ as_of_date() }}
),

patient_visits as (
    select
        patient_id,
        min(visit_date) as first_visit_date,
        max(visit_date) as last_visit_date,
        count(distinct visit_date) as visit_day_count
    from visit_days
    group by patient_id
),

final as (
    select
        -- ids
        patients.patient_id,
        patients.guarantor_id,
        patients.primary_provider_id,
        patients.secondary_provider_id,
        patients.clinic_id,
        patients.fee_schedule_id,
        patients.billing_type_definition_id,
        patient_coverage.primary_insurance_plan_id,
        patient_coverage.secondary_insurance_plan_id,

        -- dates
        patients.birth_date,
        patient_visits.first_visit_date,
        patient_visits.last_visit_date,
        patients.first_visit_date as recorded_first_visit_date,
        patients.created_date,

        -- attributes
        patients.gender,
        patients.patient_status_code,
        patients.patient_status,
        patients.city,
        patients.state,
        patients.zip_code,
        patient_ages.age_years,
        case
            when patient_ages.age_years is null then 'unknown'
            when patient_ages.age_years < 13 then 'age_0_12'
            when patient_ages.age_years < 18 then 'age_13_17'
            when patient_ages.age_years < 35 then 'age_18_34'
            when patient_ages.age_years < 55 then 'age_35_54'
            when patient_ages.age_years < 65 then 'age_55_64'
            else 'age_65_plus'
        end as age_band,
        coalesce(families.family_member_count, 1) as family_member_count,
        case
            when patient_coverage.active_plan_count is null then 'uninsured'
            when patient_coverage.active_plan_count = 1 then 'primary_only'
            else 'primary_and_secondary'
        end as insurance_status,
        coalesce(patient_visits.visit_day_count, 0) as visit_day_count,
        case
            when patient_visits.last_visit_date is not null
                then {{ dbt.datediff('patient_visits.last_visit_date', as_of_date(), 'day') }}
        end as days_since_last_visit,

        -- flags
        (patients.guarantor_id = patients.patient_id) as is_guarantor,
        (patient_coverage.active_plan_count is not null) as has_active_insurance
    from patients
    left join patient_ages
        on patients.patient_id = patient_ages.patient_id
    left join families
        on patients.guarantor_id = families.guarantor_id
    left join patient_coverage
        on patients.patient_id = patient_coverage.patient_id
    left join patient_visits
        on patients.patient_id = patient_visits.patient_id
)

select * from final
