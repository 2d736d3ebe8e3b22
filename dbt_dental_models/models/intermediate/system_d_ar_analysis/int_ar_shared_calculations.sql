{{ config(materialized='table') }}

{#- Bucket edges in days, oldest bucket last: a charge `age` days old falls in the first bucket
    whose edge is >= age (0-30, 31-60, 61-90), and in the last bucket past the final edge. -#}
{%- set edges = var('ar_aging_bucket_days') -%}
{%- if edges | length != 3 -%}
    {{ exceptions.raise_compiler_error(
        "int_ar_shared_calculations expects three A/R bucket edges (0-30, 31-60, 61-90, over 90); var ar_aging_bucket_days = " ~ edges
    ) }}
{%- endif %}

with transactions as (
    select * from {{ ref('int_ar_transaction_history') }}
),

month_numbers as (
    {{ dbt.generate_series(var('history_months')) }}
),

-- The last `history_months` month-ends on or before as_of_date (as_of_date itself when it is one).
month_ends as (
    select
        cast(
            {{ dbt.dateadd('day', '-1', dbt.dateadd(
                'month', '1 - generated_number',
                dbt.date_trunc('month', dbt.dateadd('day', '1', as_of_date()))
            )) }}
            as date
        ) as snapshot_date,
        0 as is_as_of_date_flag,
        1 as is_month_end_flag
    from month_numbers
),

snapshot_dates as (
    select
        snapshot_date,
        max(is_as_of_date_flag) = 1 as is_as_of_date,
        max(is_month_end_flag) = 1 as is_month_end
    from (
        select * from month_ends
        union all
        select {{ as_of_date() }} as snapshot_date, 1 as is_as_of_date_flag, 0 as is_month_end_flag
    ) as dates
    group by snapshot_date
),

-- One row per family and day first, so the join to the snapshot dates stays small.
family_days as (
    select
        guarantor_id,
        transaction_date,
        sum(charge_amount) as charge_amount,
        sum(credit_amount) as credit_amount,
        count(*) as transaction_count
    from transactions
    where transaction_date is not null
    group by guarantor_id, transaction_date
),

family_days_as_of as (
    select
        snapshot_dates.snapshot_date,
        snapshot_dates.is_as_of_date,
        snapshot_dates.is_month_end,
        family_days.guarantor_id,
        family_days.transaction_date,
        family_days.charge_amount,
        family_days.credit_amount,
        family_days.transaction_count,
        {{ dbt.datediff('family_days.transaction_date', 'snapshot_dates.snapshot_date', 'day') }} as age_days,
        cast({{ dbt.date_trunc('month', 'snapshot_dates.snapshot_date') }} as date) as snapshot_month_start
    from snapshot_dates
    inner join family_days
        on family_days.transaction_date <= snapshot_dates.snapshot_date
),

-- Charges by age; credits are summed whatever their date (they pay the oldest charges first).
bucketed as (
    select
        guarantor_id,
        snapshot_date,
        is_as_of_date,
        is_month_end,
        sum(case when age_days <= {{ edges[0] }} then charge_amount else 0 end) as charges_0_30,
        sum(case when age_days > {{ edges[0] }} and age_days <= {{ edges[1] }} then charge_amount else 0 end)
            as charges_31_60,
        sum(case when age_days > {{ edges[1] }} and age_days <= {{ edges[2] }} then charge_amount else 0 end)
            as charges_61_90,
        sum(case when age_days > {{ edges[2] }} then charge_amount else 0 end) as charges_over_90,
        sum(credit_amount) as total_credits,
        sum(case when transaction_date >= snapshot_month_start then transaction_count else 0 end)
            as month_transaction_count,
        max(transaction_date) as last_transaction_date
    from family_days_as_of
    group by guarantor_id, snapshot_date, is_as_of_date, is_month_end
),

-- OpenDental's rule: the sum of credits pays the oldest bucket first; what a bucket cannot
-- absorb moves on to the next newer one. Credits beyond all charges leave every bucket at 0.
aged as (
    select
        bucketed.*,
        charges_0_30 + charges_31_60 + charges_61_90 + charges_over_90 as total_charges,
        greatest(charges_over_90 - total_credits, 0) as aged_over_90,
        greatest(charges_61_90 - greatest(total_credits - charges_over_90, 0), 0) as aged_61_90,
        greatest(
            charges_31_60 - greatest(total_credits - charges_over_90 - charges_61_90, 0), 0
        ) as aged_31_60,
        greatest(
            charges_0_30 - greatest(total_credits - charges_over_90 - charges_61_90 - charges_31_60, 0), 0
        ) as aged_0_30
    from bucketed
),

final as (
    select
        -- ids
        guarantor_id,

        -- dates
        snapshot_date,
        last_transaction_date,

        -- amounts
        cast(charges_0_30 as decimal(15, 2)) as charges_0_30,
        cast(charges_31_60 as decimal(15, 2)) as charges_31_60,
        cast(charges_61_90 as decimal(15, 2)) as charges_61_90,
        cast(charges_over_90 as decimal(15, 2)) as charges_over_90,
        cast(total_charges as decimal(15, 2)) as total_charges,
        cast(total_credits as decimal(15, 2)) as total_credits,
        cast(total_charges - total_credits as decimal(15, 2)) as balance,
        cast(aged_0_30 as decimal(15, 2)) as balance_0_30,
        cast(aged_31_60 as decimal(15, 2)) as balance_31_60,
        cast(aged_61_90 as decimal(15, 2)) as balance_61_90,
        cast(aged_over_90 as decimal(15, 2)) as balance_over_90,
        cast(least(total_charges - total_credits, 0) as decimal(15, 2)) as credit_balance,

        -- attributes
        month_transaction_count,

        -- flags
        is_as_of_date,
        is_month_end
    from aged
)

select * from final
