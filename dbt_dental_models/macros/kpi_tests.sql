{#- The body of the retention KPI tests (kpi_practice_retention, kpi_new_patient_retention): one
    cohort of mart_patient_retention (`patients_seen` or `new_patients`, the prefix of its
    columns) summed over clinics month by month, against the same cohort recomputed from the raw
    layer (raw_retention_months): patients followed, returned within each window, and the
    window-complete flags (a month missing on either side fails). One row per disagreement. -#}
{% macro retention_kpi_comparison(cohort) -%}
with

mart_retention as (
    select * from {{ ref('mart_patient_retention') }}
),

-- Per month: the cohort's patients, those back within each window, and whether the windows
-- have closed.
raw_months as (
    {{ raw_retention_months(cohort) }}
),

-- Flags as min + max over the month's rows: 2 when every row says complete, 0 when none does.
mart_by_month as (
    select
        cohort_month as month_start,
        cast(sum({{ cohort }}) as bigint) as cohort_patients,
        cast(sum({{ cohort }}_returned_within_window) as bigint) as returned_within_window,
        cast(sum({{ cohort }}_returned_within_long_window) as bigint) as returned_within_long_window,
        min(case when is_window_complete then 1 else 0 end)
            + max(case when is_window_complete then 1 else 0 end) as window_complete_flags,
        min(case when is_long_window_complete then 1 else 0 end)
            + max(case when is_long_window_complete then 1 else 0 end) as long_window_complete_flags
    from mart_retention
    group by cohort_month
    having sum({{ cohort }}) > 0
),

joined as (
    select
        coalesce(mart_by_month.month_start, raw_months.month_start) as month_start,
        mart_by_month.cohort_patients as mart_cohort_patients,
        raw_months.followed_patients as raw_cohort_patients,
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
    select '{{ cohort }}' as measure, month_start,
        mart_cohort_patients as mart_value, raw_cohort_patients as raw_value
    from joined
    union all
    select '{{ cohort }}_returned_within_window', month_start,
        mart_returned_within_window, raw_returned_within_window
    from joined
    union all
    select '{{ cohort }}_returned_within_long_window', month_start,
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
{%- endmacro %}
