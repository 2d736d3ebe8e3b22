{#- A/R reconciliation: mart_ar_summary against OpenDental's A/R rule (DESIGN.md) computed here
    straight from the raw tables. As of the as-of date: the total balance, each aging bucket and
    the credit balances summed over families, and the number of families whose balance or any
    bucket differs (must be 0). At the as-of date and each of the last `history_months`
    month-ends: the total balance. Returns one row per disagreement: measure, snapshot date, mart
    value, raw value. -#}
{%- set edges = var('ar_aging_bucket_days') -%}
{%- set measures = ['balance', 'balance_0_30', 'balance_31_60', 'balance_61_90', 'balance_over_90', 'credit_balance'] -%}

with

mart as (
    select * from {{ ref('mart_ar_summary') }}
),

-- The dates to age as of: the as-of date and the last `history_months` month-ends on or before
-- it (the day before the first of the month after as_of_date, then one month earlier each).
snapshot_dates as (
    select {{ as_of_date() }} as snapshot_date
    {%- for months_back in range(var('history_months')) %}
    union
    select cast({{ dbt.dateadd('day', '-1', dbt.dateadd('month', -months_back,
        dbt.date_trunc('month', dbt.dateadd('day', '1', as_of_date())))) }} as date)
    {%- endfor %}
),

dated_ledger as (
    {{ raw_family_ledger() }}
),

-- As of the as-of date, per family: charges by age (days from the entry to the as-of date) and
-- credits whatever their age.
family_totals as (
    select
        guarantor_id,
        sum(case when direction = 'charge'
            and {{ dbt.datediff('entry_date', as_of_date(), 'day') }} > {{ edges[2] }} then amount else 0 end)
            as charges_over_90,
        sum(case when direction = 'charge'
            and {{ dbt.datediff('entry_date', as_of_date(), 'day') }} > {{ edges[1] }} then amount else 0 end)
            as charges_over_60,
        sum(case when direction = 'charge'
            and {{ dbt.datediff('entry_date', as_of_date(), 'day') }} > {{ edges[0] }} then amount else 0 end)
            as charges_over_30,
        sum(case when direction = 'charge' then amount else 0 end) as charges_all,
        sum(case when direction = 'credit' then -amount else 0 end) as credits
    from dated_ledger
    group by guarantor_id
),

-- Credits pay the oldest charges first: a bucket keeps what the charges up to and including it
-- (oldest first) exceed the credits by, capped at the bucket's own charges. A family in credit
-- (credits > all charges) thus shows every bucket at 0; its negative balance is its credit balance.
family_aging as (
    select
        guarantor_id,
        charges_all - credits as balance,
        greatest(0, least(charges_over_90, charges_over_90 - credits)) as balance_over_90,
        greatest(0, least(charges_over_60 - charges_over_90, charges_over_60 - credits)) as balance_61_90,
        greatest(0, least(charges_over_30 - charges_over_60, charges_over_30 - credits)) as balance_31_60,
        greatest(0, least(charges_all - charges_over_30, charges_all - credits)) as balance_0_30,
        case when charges_all - credits < 0 then charges_all - credits else 0 end as credit_balance
    from family_totals
),

mart_as_of as (
    select *
    from mart
    where is_as_of_date
),

family_compared as (
    select
        case
            when coalesce(mart_as_of.balance, 0) <> coalesce(family_aging.balance, 0)
                or coalesce(mart_as_of.balance_0_30, 0) <> coalesce(family_aging.balance_0_30, 0)
                or coalesce(mart_as_of.balance_31_60, 0) <> coalesce(family_aging.balance_31_60, 0)
                or coalesce(mart_as_of.balance_61_90, 0) <> coalesce(family_aging.balance_61_90, 0)
                or coalesce(mart_as_of.balance_over_90, 0) <> coalesce(family_aging.balance_over_90, 0)
                or coalesce(mart_as_of.credit_balance, 0) <> coalesce(family_aging.credit_balance, 0)
                then 1
            else 0
        end as is_different
    from mart_as_of
    full outer join family_aging
        on mart_as_of.guarantor_id = family_aging.guarantor_id
),

as_of_compared as (
    select
        {{ as_of_date() }} as snapshot_date,
        {%- for measure in measures %}
        (select sum({{ measure }}) from mart_as_of) as mart_{{ measure }},
        (select sum({{ measure }}) from family_aging) as raw_{{ measure }},
        {%- endfor %}
        (select sum(is_different) from family_compared) as families_with_a_different_balance
),

-- The total balance at every snapshot date is the sum of every signed entry to that date (the
-- buckets and credits need each family's aging; the total does not).
raw_daily_balance_change as (
    select
        entry_date,
        sum(amount) as balance_change
    from dated_ledger
    group by entry_date
),

raw_snapshot_balances as (
    select
        snapshot_dates.snapshot_date,
        sum(raw_daily_balance_change.balance_change) as balance
    from snapshot_dates
    inner join raw_daily_balance_change
        on raw_daily_balance_change.entry_date <= snapshot_dates.snapshot_date
    group by snapshot_dates.snapshot_date
),

mart_snapshot_balances as (
    select
        snapshot_date,
        sum(balance) as balance
    from mart
    group by snapshot_date
),

disagreements as (
    {%- for measure in measures %}
    select
        '{{ measure }}' as measure,
        snapshot_date,
        cast(mart_{{ measure }} as decimal(15, 2)) as mart_value,
        cast(raw_{{ measure }} as decimal(15, 2)) as raw_value
    from as_of_compared
    where coalesce(mart_{{ measure }}, 0) <> coalesce(raw_{{ measure }}, 0)

    union all
    {%- endfor %}

    -- families whose balance or any bucket differs as of the as-of date: must be none
    select
        'families_with_a_different_balance' as measure,
        snapshot_date,
        cast(0 as decimal(15, 2)) as mart_value,
        cast(families_with_a_different_balance as decimal(15, 2)) as raw_value
    from as_of_compared
    where families_with_a_different_balance > 0

    union all

    -- the total balance at each month-end (and the as-of date): a date on one side only fails
    select
        'balance_at_snapshot_date' as measure,
        coalesce(mart_snapshot_balances.snapshot_date, raw_snapshot_balances.snapshot_date) as snapshot_date,
        cast(mart_snapshot_balances.balance as decimal(15, 2)) as mart_value,
        cast(raw_snapshot_balances.balance as decimal(15, 2)) as raw_value
    from mart_snapshot_balances
    full outer join raw_snapshot_balances
        on mart_snapshot_balances.snapshot_date = raw_snapshot_balances.snapshot_date
    where coalesce(mart_snapshot_balances.balance, 0) <> coalesce(raw_snapshot_balances.balance, 0)
        or mart_snapshot_balances.snapshot_date is null
        or raw_snapshot_balances.snapshot_date is null
)

select * from disagreements
