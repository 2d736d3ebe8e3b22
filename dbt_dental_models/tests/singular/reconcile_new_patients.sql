{#- New patients (DESIGN.md): a patient whose first completed procedure (ProcStatus 2) falls in the
    period, not counting the broken-appointment codes of var('broken_appointment_procedure_codes').
    Recounted here straight from the raw procedurelog and procedurecode and compared with
    mart_new_patient month by month and over the whole history. One row per disagreement. -#}

with

mart_new_patients as (
    select * from {{ ref('mart_new_patient') }}
),

-- Each patient's first visit: completed work with a real date and patient, broken-appointment
-- codes left out.
first_visits as (
    {{ raw_first_visits() }}
),

raw_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'first_visit_date') }} as date) as month_start,
        cast(count(*) as bigint) as new_patients
    from first_visits
    group by cast({{ dbt.date_trunc('month', 'first_visit_date') }} as date)
),

mart_by_month as (
    select
        first_visit_month as month_start,
        cast(sum(new_patients) as bigint) as new_patients
    from mart_new_patients
    group by first_visit_month
),

monthly_comparison as (
    select
        'new_patients_by_month' as measure,
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.new_patients as mart_value,
        raw_by_month.new_patients as raw_value
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

total_comparison as (
    select
        'new_patients_total' as measure,
        cast(null as date) as month_start,
        (select cast(sum(new_patients) as bigint) from mart_new_patients) as mart_value,
        (select cast(count(*) as bigint) from first_visits) as raw_value
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_value, 0) <> coalesce(raw_value, 0)
)

select * from final
