{#- A/R to production and days sales outstanding (DESIGN.md's KPIs), their inputs recomputed from
    the raw layer at every snapshot of mart_ar_ratios: the total A/R (every family's ledger
    charges less credits on or before the snapshot, DESIGN.md's A/R rule), and the net production
    (production + adjustments - write-offs) and collections (patient + insurance income) of the
    var ar_ratio_window_months months up to the snapshot, OpenDental's definitions, and the
    window's days. One row per snapshot and measure that disagree; a snapshot on one side only
    fails too. -#}
{%- set window_months = var('ar_ratio_window_months') -%}

with

ratios as (
    select * from {{ ref('mart_ar_ratios') }}
),

ledger as (
    {{ raw_family_ledger() }}
),

money as (
    {{ raw_money_streams() }}
),

-- The snapshots: the as-of date and the last history_months month-ends, each once the ledger
-- has an entry on or before it.
snapshot_dates as (
    select {{ as_of_date() }} as snapshot_date
    {%- for months_back in range(var('history_months')) %}
    union
    select cast({{ dbt.dateadd('day', '-1', dbt.dateadd('month', -months_back,
        dbt.date_trunc('month', dbt.dateadd('day', '1', as_of_date())))) }} as date)
    {%- endfor %}
),

raw_ar as (
    select
        snapshot_dates.snapshot_date,
        sum(ledger.amount) as ar_balance_amount
    from snapshot_dates
    inner join ledger
        on ledger.entry_date <= snapshot_dates.snapshot_date
    group by snapshot_dates.snapshot_date
),

raw_windows as (
    select
        raw_ar.snapshot_date,
        raw_ar.ar_balance_amount,
        cast({{ dbt.dateadd('month', -window_months, 'raw_ar.snapshot_date') }} as date)
            as window_start_exclusive_date
    from raw_ar
),

raw_window_money as (
    select
        raw_windows.snapshot_date,
        sum(case when money.measure in ('production', 'adjustments') then money.amount
                 when money.measure = 'write_offs' then -money.amount
                 else 0 end) as net_production_window_amount,
        sum(case when money.measure in ('patient_income', 'insurance_income') then money.amount
                 else 0 end) as collections_window_amount
    from raw_windows
    inner join money
        on money.activity_date > raw_windows.window_start_exclusive_date
        and money.activity_date <= raw_windows.snapshot_date
    group by raw_windows.snapshot_date
),

raw_measures as (
    select
        raw_windows.snapshot_date,
        raw_windows.ar_balance_amount,
        coalesce(raw_window_money.net_production_window_amount, 0) as net_production_window_amount,
        coalesce(raw_window_money.collections_window_amount, 0) as collections_window_amount,
        {{ dbt.datediff('raw_windows.window_start_exclusive_date', 'raw_windows.snapshot_date', 'day') }}
            as window_days
    from raw_windows
    left join raw_window_money
        on raw_windows.snapshot_date = raw_window_money.snapshot_date
),

{%- set measures = ['ar_balance_amount', 'net_production_window_amount', 'collections_window_amount', 'window_days'] %}

compared as (
    {%- for measure in measures %}
    select
        '{{ measure }}' as measure,
        coalesce(ratios.snapshot_date, raw_measures.snapshot_date) as snapshot_date,
        cast(ratios.{{ measure }} as decimal(18, 2)) as mart_value,
        cast(raw_measures.{{ measure }} as decimal(18, 2)) as raw_value
    from ratios
    full outer join raw_measures
        on ratios.snapshot_date = raw_measures.snapshot_date
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select *
from compared
where mart_value is distinct from raw_value
