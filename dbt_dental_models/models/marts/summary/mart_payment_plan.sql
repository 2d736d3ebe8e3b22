{#- Payment plans: what each plan finances, what its schedule has asked so far, what has been paid
    and what is left, as of the as-of date. -#}
with

payment_plans as (
    select * from {{ ref('int_payment_plan') }}
),

plan_balances as (
    select
        *,
        -- Left to pay on the whole schedule: every debit's principal and interest, less the
        -- payments so far (negative when the plan was overpaid).
        principal_amount + interest_amount - paid_to_date_amount as balance_amount
    from payment_plans
),

final as (
    select
        -- ids
        payment_plan_id,
        patient_id,
        guarantor_id,
        clinic_id,
        provider_id,

        -- dates
        plan_date,
        last_charge_date,
        last_payment_date,

        -- amounts
        cast(principal_amount as decimal(15, 2)) as principal_amount,
        cast(interest_amount as decimal(15, 2)) as interest_amount,
        cast(due_to_date_amount as decimal(15, 2)) as due_to_date_amount,
        cast(paid_to_date_amount as decimal(15, 2)) as paid_to_date_amount,
        cast(balance_amount as decimal(15, 2)) as balance_amount,

        -- flags
        is_closed,
        is_insurance_payment_plan,
        (not is_closed and balance_amount > 0) as is_active
    from plan_balances
)

select * from final
