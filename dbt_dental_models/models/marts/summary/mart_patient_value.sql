{#- Lifetime value by first-visit cohort: what the patients who became new patients in a month have
    produced and paid since, to the as-of date. -#}
with

patients as (
    select * from {{ ref('dim_patient') }}
),

procedures as (
    select * from {{ ref('fact_procedure') }}
),

payments as (
    select * from {{ ref('fact_payment') }}
),

-- The cohorts: patients with a first completed procedure (DESIGN.md's new patient, broken-
-- appointment codes left out), by the month of it and the patient's clinic.
cohort_members as (
    select
        patient_id,
        new_patient_month as first_visit_month,
        clinic_id
    from patients
    where new_patient_month is not null
),

-- Production is fact_procedure's (OpenDental's: complete procedures only, less capitation
-- write-offs), wherever and by whomever the work was done.
production_by_patient as (
    select
        patient_id,
        sum(production_amount) as production_amount
    from procedures
    where procedure_date <= {{ as_of_date() }}
    group by patient_id
),

-- Collections are fact_payment's income (patient splits that are income, insurance payments on a
-- claim payment), by the patient the money was for.
collections_by_patient as (
    select
        patient_id,
        sum(income_amount) as collections_amount
    from payments
    where payment_date <= {{ as_of_date() }}
    group by patient_id
),

cohort_totals as (
    select
        cohort_members.first_visit_month,
        cohort_members.clinic_id,
        count(*) as cohort_patients,
        sum(coalesce(production_by_patient.production_amount, 0)) as cohort_production_amount,
        sum(coalesce(collections_by_patient.collections_amount, 0)) as cohort_collections_amount
    from cohort_members
    left join production_by_patient
        on cohort_members.patient_id = production_by_patient.patient_id
    left join collections_by_patient
        on cohort_members.patient_id = collections_by_patient.patient_id
    group by cohort_members.first_visit_month, cohort_members.clinic_id
),

final as (
    select
        -- grain
        first_visit_month,
        clinic_id,

        -- cohort age
        cast(
            {{ dbt.datediff('first_visit_month', as_of_date(), 'month') }} as bigint
        ) as months_since_first_visit,

        -- counts and amounts
        cast(cohort_patients as bigint) as cohort_patients,
        cast(cohort_production_amount as decimal(15, 2)) as cohort_production_amount,
        cast(cohort_collections_amount as decimal(15, 2)) as cohort_collections_amount
    from cohort_totals
)

select * from final
