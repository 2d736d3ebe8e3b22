{#- Practice retention (DESIGN.md's patient retention), recomputed from the raw layer: the
    patients seen in each month (a visit: a completed procedure, ProcStatus 2, that is not a
    D9986/D9987 broken-appointment charge), each followed from their last visit of the month, and
    those whose first later visit falls within var('retention_window_months') and
    var('retention_long_window_months') months of it; and whether each month's windows have
    closed by the as-of date. Compared with mart_patient_retention summed over clinics, month by
    month. One row per disagreement. -#}

{%- set window_months = var('retention_window_months') -%}
{%- set long_window_months = var('retention_long_window_months') -%}

with

mart_retention as (
    select * from {{ ref('mart_patient_retention') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

-- Visit days: a patient's days with a completed procedure that is not a broken-appointment charge.
visit_days as (
    select distinct
        raw_procedures.patnum,
        raw_procedures.procdate as visit_date
    from raw_procedures
    left join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.procstatus = 2
      and raw_procedures.patnum <> 0
      and raw_procedures.procdate > cast('0001-01-01' as date)
      and coalesce(raw_procedure_codes.proccode, '') not in (
          {%- for code in var('broken_appointment_procedure_codes') %}
          '{{ code }}'{{ ',' if not loop.last }}
          {%- endfor %}
      )
),

last_visits_of_month as (
    select
        patnum,
        cast({{ dbt.date_trunc('month', 'visit_date') }} as date) as month_start,
        max(visit_date) as last_visit_date
    from visit_days
    where visit_date <= {{ as_of_date() }}
    group by patnum, cast({{ dbt.date_trunc('month', 'visit_date') }} as date)
),

first_returns as (
    select
        last_visits_of_month.patnum,
        last_visits_of_month.month_start,
        last_visits_of_month.last_visit_date,
        min(later_visits.visit_date) as return_date
    from last_visits_of_month
    left join visit_days as later_visits
        on last_visits_of_month.patnum = later_visits.patnum
        and later_visits.visit_date > last_visits_of_month.last_visit_date
    group by last_visits_of_month.patnum, last_visits_of_month.month_start, last_visits_of_month.last_visit_date
),

raw_by_month as (
    select
        month_start,
        cast(count(*) as bigint) as patients_seen,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', window_months, 'last_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_window,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', long_window_months, 'last_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_long_window
    from first_returns
    group by month_start
),

-- A month's window is over once a patient seen on its last day has had the whole window.
raw_windows as (
    select
        raw_by_month.*,
        case
            when cast({{ dbt.dateadd('month', window_months, dbt.last_day('month_start', 'month')) }} as date)
                <= {{ as_of_date() }} then 2
            else 0
        end as window_complete_flags,
        case
            when cast({{ dbt.dateadd('month', long_window_months, dbt.last_day('month_start', 'month')) }} as date)
                <= {{ as_of_date() }} then 2
            else 0
        end as long_window_complete_flags
    from raw_by_month
),

-- Flags as min + max over the month's rows: 2 when every row says complete, 0 when none does.
mart_by_month as (
    select
        cohort_month as month_start,
        cast(sum(patients_seen) as bigint) as patients_seen,
        cast(sum(patients_seen_returned_within_window) as bigint) as returned_within_window,
        cast(sum(patients_seen_returned_within_long_window) as bigint) as returned_within_long_window,
        min(case when is_window_complete then 1 else 0 end)
            + max(case when is_window_complete then 1 else 0 end) as window_complete_flags,
        min(case when is_long_window_complete then 1 else 0 end)
            + max(case when is_long_window_complete then 1 else 0 end) as long_window_complete_flags
    from mart_retention
    group by cohort_month
    having sum(patients_seen) > 0
),

joined as (
    select
        coalesce(mart_by_month.month_start, raw_windows.month_start) as month_start,
        mart_by_month.patients_seen as mart_patients_seen,
        raw_windows.patients_seen as raw_patients_seen,
        mart_by_month.returned_within_window as mart_returned_within_window,
        raw_windows.returned_within_window as raw_returned_within_window,
        mart_by_month.returned_within_long_window as mart_returned_within_long_window,
        raw_windows.returned_within_long_window as raw_returned_within_long_window,
        mart_by_month.window_complete_flags as mart_window_complete_flags,
        raw_windows.window_complete_flags as raw_window_complete_flags,
        mart_by_month.long_window_complete_flags as mart_long_window_complete_flags,
        raw_windows.long_window_complete_flags as raw_long_window_complete_flags
    from mart_by_month
    full outer join raw_windows
        on mart_by_month.month_start = raw_windows.month_start
),

comparisons as (
    select 'patients_seen' as measure, month_start,
        mart_patients_seen as mart_value, raw_patients_seen as raw_value
    from joined
    union all
    select 'patients_seen_returned_within_window', month_start,
        mart_returned_within_window, raw_returned_within_window
    from joined
    union all
    select 'patients_seen_returned_within_long_window', month_start,
        mart_returned_within_long_window, raw_returned_within_long_window
    from joined
    union all
    select 'is_window_complete', month_start,
        mart_window_complete_flags, raw_window_complete_flags
    from joined
    union all
    select 'is_long_window_complete', month_start,
        mart_long_window_complete_flags, raw_long_window_complete_flags
    from joined
),

final as (
    select *
    from comparisons
    where mart_value is null
        or raw_value is null
        or mart_value <> raw_value
)

select * from final
