{#- mart_patient_value's totals over every cohort equal what fact_procedure and fact_payment hold
    for the patients with a first visit, found here from fact_procedure's new-patient flag (not
    from dim_patient, which the mart reads): the same patients, their production and their income
    to the as-of date. Returns one row per total that differs. -#}
with

procedures as (
    select * from {{ ref('fact_procedure') }}
),

payments as (
    select * from {{ ref('fact_payment') }}
),

cohorts as (
    select * from {{ ref('mart_patient_value') }}
),

first_visit_patients as (
    select distinct patient_id
    from procedures
    where is_new_patient_procedure
        and procedure_date <= {{ as_of_date() }}
),

expected as (
    select 'patients' as total_name, cast(count(*) as decimal(18, 2)) as expected_value
    from first_visit_patients
    union all
    select 'production', coalesce(sum(procedures.production_amount), 0)
    from procedures
    inner join first_visit_patients
        on procedures.patient_id = first_visit_patients.patient_id
    where procedures.procedure_date <= {{ as_of_date() }}
    union all
    select 'collections', coalesce(sum(payments.income_amount), 0)
    from payments
    inner join first_visit_patients
        on payments.patient_id = first_visit_patients.patient_id
    where payments.payment_date <= {{ as_of_date() }}
),

actual as (
    select 'patients' as total_name, cast(coalesce(sum(cohort_patients), 0) as decimal(18, 2)) as actual_value
    from cohorts
    union all
    select 'production', coalesce(sum(cohort_production_amount), 0)
    from cohorts
    union all
    select 'collections', coalesce(sum(cohort_collections_amount), 0)
    from cohorts
),

final as (
    select
        expected.total_name,
        expected.expected_value,
        actual.actual_value
    from expected
    inner join actual
        on expected.total_name = actual.total_name
)

select *
from final
where expected_value <> actual_value
