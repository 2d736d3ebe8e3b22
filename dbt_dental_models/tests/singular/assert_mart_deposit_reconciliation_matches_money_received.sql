{#- mart_deposit_reconciliation accounts for every payment and insurance check: each month's
    received amount equals the month's patient payments plus insurance checks in staging, and
    each day's received amount splits whole into deposited, kept off the slip and undeposited
    (a zero amount aside). Returns each month or day that does not add up. -#}
with

mart_months as (
    select
        cast({{ dbt.date_trunc('month', 'report_date') }} as date) as report_month,
        sum(received_amount) as received_amount
    from {{ ref('mart_deposit_reconciliation') }}
    group by 1
),

money_received as (
    select payment_date as received_date, payment_amount as amount
    from {{ ref('stg_opendental__payment') }}
    where payment_date is not null

    union all

    select check_date as received_date, check_amount as amount
    from {{ ref('stg_opendental__claimpayment') }}
    where check_date is not null
),

source_months as (
    select
        cast({{ dbt.date_trunc('month', 'received_date') }} as date) as report_month,
        sum(amount) as received_amount
    from money_received
    group by 1
),

month_gaps as (
    select
        'month' as check_level,
        coalesce(mart_months.report_month, source_months.report_month) as report_date,
        coalesce(mart_months.received_amount, 0) - coalesce(source_months.received_amount, 0) as gap_amount
    from mart_months
    full outer join source_months
        on mart_months.report_month = source_months.report_month
),

day_gaps as (
    select
        'day' as check_level,
        report_date,
        received_amount - deposited_amount - kept_off_slip_amount - undeposited_amount as gap_amount
    from {{ ref('mart_deposit_reconciliation') }}
)

select * from month_gaps where gap_amount <> 0
union all
select * from day_gaps where gap_amount <> 0
