with balances as (
    select * from {{ ref('int_ar_balance') }}
),

family_payments as (
    select * from {{ ref('int_family_payments') }}
),

-- What each family paid per day up to as_of_date: its payments as the collections models count
-- them (int_family_payments), payment-plan installments included (a family paying its plan is
-- paying).
family_payment_days as (
    select
        guarantor_id,
        payment_date,
        sum(payment_amount) as paid_amount
    from family_payments
    where payment_date <= {{ as_of_date() }}
    group by guarantor_id, payment_date
),

last_payment_days as (
    select
        guarantor_id,
        payment_date,
        paid_amount,
        row_number() over (partition by guarantor_id order by payment_date desc) as recency_rank
    from family_payment_days
),

with_last_payment as (
    select
        balances.*,
        last_payment_days.payment_date as last_payment_date,
        cast(last_payment_days.paid_amount as decimal(15, 2)) as last_payment_amount,
        {{ dbt.datediff('last_payment_days.payment_date', 'balances.as_of_date', 'day') }}
            as days_since_last_payment,
        case
            when balances.balance > 0
                then cast(balances.balance_over_90 as {{ type_double() }})
                    / cast(balances.balance as {{ type_double() }})
        end as share_over_90
    from balances
    left join last_payment_days
        on balances.guarantor_id = last_payment_days.guarantor_id
        and last_payment_days.recency_rank = 1
),

-- Collection priority: the rule of macro ar_collection_priority, thresholds in vars.
prioritized as (
    select
        with_last_payment.*,
        {{ ar_collection_priority('balance', 'balance_61_90', 'balance_over_90', 'days_since_last_payment') }}
            as collection_priority
    from with_last_payment
),

final as (
    select
        -- ids
        guarantor_id,

        -- dates
        as_of_date,
        last_payment_date,
        last_transaction_date,

        -- amounts
        balance,
        balance_0_30,
        balance_31_60,
        balance_61_90,
        balance_over_90,
        pending_insurance_amount,
        patient_portion_amount,
        last_payment_amount,

        -- attributes
        days_since_last_payment,
        share_over_90,
        family_patient_count,
        collection_priority
    from prioritized
)

select * from final
