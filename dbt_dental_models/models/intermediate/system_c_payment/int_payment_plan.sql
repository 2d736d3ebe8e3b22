{#- Each payment plan with what its schedule asks and what has been paid on it, as of the as-of
    date. -#}
with

payment_plans as (
    select * from {{ ref('stg_opendental__payplan') }}
),

plan_charges as (
    select * from {{ ref('stg_opendental__payplancharge') }}
),

pay_splits as (
    select * from {{ ref('stg_opendental__paysplit') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- Debits (ChargeType 0) are the schedule: each raises the amount due on its date by principal +
-- interest. Credits (1) move production onto a plan (payment plans version 2); they are not
-- payments and are not read here. OpenDental keeps one provider and clinic on every charge of a
-- plan (the plan row has none), so the plan's are its charges' lowest.
debits_by_plan as (
    select
        payment_plan_id,
        min(clinic_id) as clinic_id,
        min(provider_id) as provider_id,
        count(*) as debit_count,
        sum(principal_amount) as principal_amount,
        sum(interest_amount) as interest_amount,
        sum(
            case
                when charge_date <= {{ as_of_date() }} then principal_amount + interest_amount
                else 0
            end
        ) as due_to_date_amount,
        min(charge_date) as first_charge_date,
        max(charge_date) as last_charge_date
    from plan_charges
    where charge_type_code = 0
    group by payment_plan_id
),

-- Payments reach a plan as pay splits attached to it (paysplit.PayPlanNum), as OpenDental's
-- payment plan window totals them; dated after the as-of date, they are not paid yet.
splits_by_plan as (
    select
        payment_plan_id,
        sum(split_amount) as paid_to_date_amount,
        max(payment_date) as last_payment_date
    from pay_splits
    where payment_plan_id is not null
        and payment_date <= {{ as_of_date() }}
    group by payment_plan_id
),

final as (
    select
        -- ids
        payment_plans.payment_plan_id,
        payment_plans.patient_id,
        payment_plans.guarantor_id,
        payment_plans.insurance_plan_id,
        coalesce(debits_by_plan.clinic_id, patients.clinic_id) as clinic_id,
        debits_by_plan.provider_id,

        -- dates
        payment_plans.plan_date,
        debits_by_plan.first_charge_date,
        debits_by_plan.last_charge_date,
        splits_by_plan.last_payment_date,

        -- amounts
        cast(coalesce(debits_by_plan.principal_amount, 0) as decimal(15, 2)) as principal_amount,
        cast(coalesce(debits_by_plan.interest_amount, 0) as decimal(15, 2)) as interest_amount,
        cast(coalesce(debits_by_plan.due_to_date_amount, 0) as decimal(15, 2)) as due_to_date_amount,
        cast(coalesce(splits_by_plan.paid_to_date_amount, 0) as decimal(15, 2)) as paid_to_date_amount,
        payment_plans.completed_amount,

        -- attributes
        cast(coalesce(debits_by_plan.debit_count, 0) as bigint) as debit_count,

        -- flags
        payment_plans.is_closed,
        payment_plans.is_dynamic,
        (payment_plans.insurance_plan_id is not null) as is_insurance_payment_plan
    from payment_plans
    left join debits_by_plan
        on payment_plans.payment_plan_id = debits_by_plan.payment_plan_id
    left join splits_by_plan
        on payment_plans.payment_plan_id = splits_by_plan.payment_plan_id
    left join patients
        on payment_plans.patient_id = patients.patient_id
)

select * from final
