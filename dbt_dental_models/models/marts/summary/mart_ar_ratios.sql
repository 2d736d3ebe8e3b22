{#- The practice's receivables against its production and collections, at each A/R snapshot. -#}

with

ar_summary as (
    select * from {{ ref('mart_ar_summary') }}
),

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

-- The practice's A/R at each snapshot: every family's balance (credits included, as OpenDental's
-- aging report totals it) and its over-90 bucket.
snapshots as (
    select
        snapshot_date,
        max(case when is_as_of_date then 1 else 0 end) = 1 as is_as_of_date,
        max(case when is_month_end then 1 else 0 end) = 1 as is_month_end,
        sum(balance) as ar_balance_amount,
        sum(balance_over_90) as ar_over_90_amount
    from ar_summary
    group by snapshot_date
),

-- The window the ratios divide by: the var ar_ratio_window_months months up to the snapshot
-- (after the same day that many months earlier, through the snapshot date).
windows as (
    select
        *,
        cast({{ dbt.dateadd('month', -var('ar_ratio_window_months'), 'snapshot_date') }} as date)
            as window_start_exclusive_date
    from snapshots
),

window_amounts as (
    select
        windows.snapshot_date,
        sum(production_summary.net_production_amount) as net_production_window_amount,
        sum(production_summary.collections_amount) as collections_window_amount
    from windows
    inner join production_summary
        on production_summary.activity_date > windows.window_start_exclusive_date
        and production_summary.activity_date <= windows.snapshot_date
    group by windows.snapshot_date
),

first_activity as (
    select min(activity_date) as first_activity_date
    from production_summary
),

final as (
    select
        -- grain
        windows.snapshot_date,

        -- receivables
        cast(windows.ar_balance_amount as decimal(15, 2)) as ar_balance_amount,
        cast(windows.ar_over_90_amount as decimal(15, 2)) as ar_over_90_amount,

        -- the window
        cast({{ dbt.dateadd('day', 1, 'windows.window_start_exclusive_date') }} as date)
            as window_start_date,
        cast({{ dbt.datediff('windows.window_start_exclusive_date', 'windows.snapshot_date', 'day') }}
            as integer) as window_days,
        cast(coalesce(window_amounts.net_production_window_amount, 0) as decimal(15, 2))
            as net_production_window_amount,
        cast(coalesce(window_amounts.collections_window_amount, 0) as decimal(15, 2))
            as collections_window_amount,
        cast(
            coalesce(window_amounts.net_production_window_amount, 0)
                / {{ var('ar_ratio_window_months') }}
            as decimal(15, 2)
        ) as average_monthly_net_production_amount,

        -- ratios at the snapshot
        {{ ratio('windows.ar_over_90_amount', 'windows.ar_balance_amount') }} as ar_over_90_share,
        {{ ratio(
            'windows.ar_balance_amount * ' ~ var('ar_ratio_window_months'),
            'window_amounts.net_production_window_amount'
        ) }} as ar_to_production_ratio,
        {{ ratio(
            'windows.ar_balance_amount * '
                ~ dbt.datediff('windows.window_start_exclusive_date', 'windows.snapshot_date', 'day'),
            'window_amounts.collections_window_amount'
        ) }} as days_sales_outstanding,

        -- flags
        windows.is_as_of_date,
        windows.is_month_end,
        (
            {{ dbt.dateadd('day', 1, 'windows.window_start_exclusive_date') }}
                >= first_activity.first_activity_date
        ) as is_window_complete
    from windows
    cross join first_activity
    left join window_amounts
        on windows.snapshot_date = window_amounts.snapshot_date
)

select * from final
