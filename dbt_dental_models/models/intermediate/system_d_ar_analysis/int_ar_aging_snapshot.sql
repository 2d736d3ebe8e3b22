with family_aging as (
    select * from {{ ref('int_ar_shared_calculations') }}
),

-- Month-end rows only, and only families that owe or are owed something at the month end or
-- had a transaction during the month: a settled, quiet family adds nothing to a trend.
month_end_aging as (
    select *
    from family_aging
    where is_month_end
        and (balance <> 0 or month_transaction_count > 0)
),

final as (
    select
        -- ids
        guarantor_id,

        -- dates
        snapshot_date as month_end_date,
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as month_start_date,
        last_transaction_date,

        -- amounts
        total_charges,
        total_credits,
        balance,
        balance_0_30,
        balance_31_60,
        balance_61_90,
        balance_over_90,
        credit_balance,

        -- attributes
        month_transaction_count
    from month_end_aging
)

select * from final
