{#- Practice retention (DESIGN.md's patient retention), recomputed from the raw layer: the
    patients seen in each month (a visit: a completed procedure, ProcStatus 2, that is not a
    D9986/D9987 broken-appointment charge), each followed from their last visit of the month, and
    those whose first later visit falls within var('retention_window_months') and
    var('retention_long_window_months') months of it; and whether each month's windows have
    closed by the as-of date. Compared with mart_patient_retention summed over clinics, month by
    month. One row per disagreement. -#}

with

mart_retention as (
    select * from {{ ref('mart_patient_retention') }}
),

-- Per month: the patients seen, those back within each window of their last visit of the month,
-- and whether the windows have closed.
raw_months as (
    {{ raw_retention_months('patients_seen') }}
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
        coalesce(mart_by_month.month_start, raw_months.month_start) as month_start,
        mart_by_month.patients_seen as mart_patients_seen,
        raw_months.followed_patients as raw_patients_seen,
        mart_by_month.returned_within_window as mart_returned_within_window,
        raw_months.returned_within_window as raw_returned_within_window,
        mart_by_month.returned_within_long_window as mart_returned_within_long_window,
        raw_months.returned_within_long_window as raw_returned_within_long_window,
        mart_by_month.window_complete_flags as mart_window_complete_flags,
        case when raw_months.is_window_complete then 2 else 0 end as raw_window_complete_flags,
        mart_by_month.long_window_complete_flags as mart_long_window_complete_flags,
        case when raw_months.is_long_window_complete then 2 else 0 end as raw_long_window_complete_flags
    from mart_by_month
    full outer join raw_months
        on mart_by_month.month_start = raw_months.month_start
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
