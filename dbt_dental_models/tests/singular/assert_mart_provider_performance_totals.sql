{#- mart_provider_performance's money, added up over providers, equals mart_production_summary's
    for every month: no provider-month lost, none counted twice. One row per disagreement. -#}

with

provider_performance as (
    select * from {{ ref('mart_provider_performance') }}
),

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

performance_monthly as (
    select
        month_start_date,
        sum(production_amount) as production_amount,
        sum(adjustment_amount) as adjustment_amount,
        sum(write_off_amount) as write_off_amount,
        sum(net_production_amount) as net_production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(collections_amount) as collections_amount
    from provider_performance
    group by month_start_date
),

summary_monthly as (
    select
        month_start_date,
        sum(production_amount) as production_amount,
        sum(adjustment_amount) as adjustment_amount,
        sum(write_off_amount) as write_off_amount,
        sum(net_production_amount) as net_production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(collections_amount) as collections_amount
    from production_summary
    group by month_start_date
),

-- A month with no money at all can be in provider performance (schedule or appointments only):
-- it then counts as zeros against the summary's missing month.
compared as (
    select
        coalesce(performance_monthly.month_start_date, summary_monthly.month_start_date) as month_start_date,
        performance_monthly.production_amount as performance_production_amount,
        summary_monthly.production_amount as summary_production_amount,
        performance_monthly.adjustment_amount as performance_adjustment_amount,
        summary_monthly.adjustment_amount as summary_adjustment_amount,
        performance_monthly.write_off_amount as performance_write_off_amount,
        summary_monthly.write_off_amount as summary_write_off_amount,
        performance_monthly.net_production_amount as performance_net_production_amount,
        summary_monthly.net_production_amount as summary_net_production_amount,
        performance_monthly.patient_income_amount as performance_patient_income_amount,
        summary_monthly.patient_income_amount as summary_patient_income_amount,
        performance_monthly.insurance_income_amount as performance_insurance_income_amount,
        summary_monthly.insurance_income_amount as summary_insurance_income_amount,
        performance_monthly.collections_amount as performance_collections_amount,
        summary_monthly.collections_amount as summary_collections_amount
    from performance_monthly
    full outer join summary_monthly
        on performance_monthly.month_start_date = summary_monthly.month_start_date
)

select *
from compared
where coalesce(performance_production_amount, 0) <> coalesce(summary_production_amount, 0)
    or coalesce(performance_adjustment_amount, 0) <> coalesce(summary_adjustment_amount, 0)
    or coalesce(performance_write_off_amount, 0) <> coalesce(summary_write_off_amount, 0)
    or coalesce(performance_net_production_amount, 0) <> coalesce(summary_net_production_amount, 0)
    or coalesce(performance_patient_income_amount, 0) <> coalesce(summary_patient_income_amount, 0)
    or coalesce(performance_insurance_income_amount, 0) <> coalesce(summary_insurance_income_amount, 0)
    or coalesce(performance_collections_amount, 0) <> coalesce(summary_collections_amount, 0)
