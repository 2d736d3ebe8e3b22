{#- mart_payment_plan's payments equal the patient payments fact_payment allocates to payment plans
    (allocation_type payment_plan) to the as-of date, plan by plan, and each plan's balance is its
    principal + interest − paid. Returns each plan where either fails. -#}
with

plans as (
    select * from {{ ref('mart_payment_plan') }}
),

payments as (
    select * from {{ ref('fact_payment') }}
),

splits_by_plan_patient as (
    select
        patient_id,
        sum(amount) as paid_amount
    from payments
    where payment_source = 'patient'
        and allocation_type = 'payment_plan'
        and payment_date <= {{ as_of_date() }}
    group by patient_id
),

plans_by_patient as (
    select
        patient_id,
        sum(paid_to_date_amount) as paid_amount
    from plans
    group by patient_id
),

paid_mismatches as (
    select
        coalesce(plans_by_patient.patient_id, splits_by_plan_patient.patient_id) as patient_id,
        'paid' as check_name
    from plans_by_patient
    full outer join splits_by_plan_patient
        on plans_by_patient.patient_id = splits_by_plan_patient.patient_id
    where coalesce(plans_by_patient.paid_amount, 0) <> coalesce(splits_by_plan_patient.paid_amount, 0)
),

balance_mismatches as (
    select
        patient_id,
        'balance' as check_name
    from plans
    where balance_amount <> principal_amount + interest_amount - paid_to_date_amount
        or is_active <> (not is_closed and balance_amount > 0)
)

select * from paid_mismatches
union all
select * from balance_mismatches
