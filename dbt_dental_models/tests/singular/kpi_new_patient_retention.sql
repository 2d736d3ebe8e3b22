{#- New-patient retention, recomputed from the raw layer: the new patients of each month (DESIGN.md:
    the first completed procedure, ProcStatus 2, not counting the D9986/D9987 broken-appointment
    codes), and those whose first visit on a later day (a completed procedure that is not a
    broken-appointment charge) falls within var('retention_window_months') and
    var('retention_long_window_months') months of the first visit; and whether each month's
    windows have closed by the as-of date. Compared with mart_patient_retention summed over
    clinics, month by month. One row per disagreement. -#}

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

-- Completed work with a real date and patient, broken-appointment charges left out.
visit_procedures as (
    select
        raw_procedures.patnum,
        raw_procedures.procdate
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

first_visits as (
    select
        patnum,
        min(procdate) as first_visit_date
    from visit_procedures
    group by patnum
),

first_returns as (
    select
        first_visits.patnum,
        first_visits.first_visit_date,
        min(visit_procedures.procdate) as return_date
    from first_visits
    left join visit_procedures
        on first_visits.patnum = visit_procedures.patnum
        and visit_procedures.procdate > first_visits.first_visit_date
    group by first_visits.patnum, first_visits.first_visit_date
),

raw_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'first_visit_date') }} as date) as month_start,
        cast(count(*) as bigint) as new_patients,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', window_months, 'first_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_window,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', long_window_months, 'first_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_long_window
    from first_returns
    group by cast({{ dbt.date_trunc('month', 'first_visit_date') }} as date)
),

-- A month's window is over once a patient first seen on its last day has had the whole window.
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
        cast(sum(new_patients) as bigint) as new_patients,
        cast(sum(new_patients_returned_within_window) as bigint) as returned_within_window,
        cast(sum(new_patients_returned_within_long_window) as bigint) as returned_within_long_window,
        min(case when is_window_complete then 1 else 0 end)
            + max(case when is_window_complete then 1 else 0 end) as window_complete_flags,
        min(case when is_long_window_complete then 1 else 0 end)
            + max(case when is_long_window_complete then 1 else 0 end) as long_window_complete_flags
    from mart_retention
    group by cohort_month
    having sum(new_patients) > 0
),

joined as (
    select
        coalesce(mart_by_month.month_start, raw_windows.month_start) as month_start,
        mart_by_month.new_patients as mart_new_patients,
        raw_windows.new_patients as raw_new_patients,
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
    select 'new_patients' as measure, month_start,
        mart_new_patients as mart_value, raw_new_patients as raw_value
    from joined
    union all
    select 'new_patients_returned_within_window', month_start,
        mart_returned_within_window, raw_returned_within_window
    from joined
    union all
    select 'new_patients_returned_within_long_window', month_start,
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
