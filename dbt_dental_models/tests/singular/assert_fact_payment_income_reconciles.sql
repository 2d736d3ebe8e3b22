{#- fact_payment's income by source and day equals OpenDental's patient income
    (int_patient_payment_allocated.patient_income_amount by payment_date) and insurance income
    (int_insurance_payment_allocated.insurance_paid_amount by income_date, the check's date; a
    claimproc whose check was deleted has none and is no income). Returns each source and
    day where the totals differ (a row lost, duplicated or dated differently by the union). -#}
with

fact_payments as (
    select * from {{ ref('fact_payment') }}
),

patient_splits as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

fact_income as (
    select
        payment_source,
        payment_date,
        sum(income_amount) as income_amount
    from fact_payments
    group by payment_source, payment_date
),

expected_income as (
    select
        'patient' as payment_source,
        payment_date,
        sum(patient_income_amount) as income_amount
    from patient_splits
    group by payment_date
    union all
    select
        'insurance' as payment_source,
        income_date as payment_date,
        sum(insurance_paid_amount) as income_amount
    from insurance_payments
    where income_date is not null
    group by income_date
),

differences as (
    select
        coalesce(fact_income.payment_source, expected_income.payment_source) as payment_source,
        coalesce(fact_income.payment_date, expected_income.payment_date) as payment_date,
        fact_income.income_amount as fact_income_amount,
        expected_income.income_amount as expected_income_amount
    from fact_income
    full outer join expected_income
        on fact_income.payment_source = expected_income.payment_source
        and fact_income.payment_date = expected_income.payment_date
    where coalesce(fact_income.income_amount, 0) <> coalesce(expected_income.income_amount, 0)
)

select * from differences
