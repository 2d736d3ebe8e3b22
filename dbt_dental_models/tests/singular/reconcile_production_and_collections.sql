{#- Reconciliation: mart_production_summary's five money streams against the raw OpenDental
    tables, written from DESIGN.md's definitions (not from the models' SQL). Whole history and
    month by month, to the cent. One row per disagreement: measure, month (null for the whole
    history), the mart's amount and the raw amount. -#}

with

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

raw_amounts as (
    {{ raw_money_streams() }}
),

-- OpenDental's "no date" (0001-01-01) is not a day a report shows; the mart ends at the as-of date.
raw_dated_amounts as (
    select
        measure,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start_date,
        amount
    from raw_amounts
    where activity_date > cast('1880-01-01' as date)
        and activity_date <= {{ as_of_date() }}
),

mart_amounts as (
    select 'production' as measure, month_start_date, production_amount as amount from production_summary
    union all
    select 'adjustments' as measure, month_start_date, adjustment_amount as amount from production_summary
    union all
    select 'write_offs' as measure, month_start_date, write_off_amount as amount from production_summary
    union all
    select 'patient_income' as measure, month_start_date, patient_income_amount as amount from production_summary
    union all
    select 'insurance_income' as measure, month_start_date, insurance_income_amount as amount from production_summary
),

raw_monthly as (
    select measure, month_start_date, sum(amount) as amount
    from raw_dated_amounts
    group by measure, month_start_date
),

mart_monthly as (
    select measure, month_start_date, sum(amount) as amount
    from mart_amounts
    group by measure, month_start_date
),

raw_whole_history as (
    select measure, sum(amount) as amount
    from raw_dated_amounts
    group by measure
),

mart_whole_history as (
    select measure, sum(amount) as amount
    from mart_amounts
    group by measure
),

monthly_comparison as (
    select
        coalesce(mart_monthly.measure, raw_monthly.measure) as measure,
        coalesce(mart_monthly.month_start_date, raw_monthly.month_start_date) as month_start_date,
        mart_monthly.amount as mart_amount,
        raw_monthly.amount as raw_amount
    from mart_monthly
    full outer join raw_monthly
        on mart_monthly.measure = raw_monthly.measure
        and mart_monthly.month_start_date = raw_monthly.month_start_date
),

whole_history_comparison as (
    select
        coalesce(mart_whole_history.measure, raw_whole_history.measure) as measure,
        cast(null as date) as month_start_date,
        mart_whole_history.amount as mart_amount,
        raw_whole_history.amount as raw_amount
    from mart_whole_history
    full outer join raw_whole_history
        on mart_whole_history.measure = raw_whole_history.measure
),

final as (
    select * from whole_history_comparison
    union all
    select * from monthly_comparison
)

select *
from final
where coalesce(mart_amount, 0) <> coalesce(raw_amount, 0)
