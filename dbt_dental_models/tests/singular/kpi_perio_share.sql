{#- Perio share, recomputed from the raw layer: the hygiene visits of each month (a patient's day
    with a completed procedure, ProcStatus 2, whose code is one of
    var('hygiene_visit_procedure_codes'): D1110, D1120, D4341, D4342, D4910) and, among them, the
    perio visits (one at least of the codes the var marks periodontal: scaling and root planing
    D4341/D4342, periodontal maintenance D4910). Compared with mart_hygiene_visit summed over
    clinics and providers, month by month and in total. One row per disagreement. -#}

with

mart_hygiene as (
    select * from {{ ref('mart_hygiene_visit') }}
),

hygiene_visits as (
    {{ raw_hygiene_visits() }}
),

raw_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'visit_date') }} as date) as month_start,
        cast(count(*) as bigint) as hygiene_visits,
        cast(sum(is_perio) as bigint) as perio_visits
    from hygiene_visits
    group by cast({{ dbt.date_trunc('month', 'visit_date') }} as date)
),

mart_by_month as (
    select
        visit_month as month_start,
        cast(sum(hygiene_visits) as bigint) as hygiene_visits,
        cast(sum(perio_visits) as bigint) as perio_visits
    from mart_hygiene
    group by visit_month
),

joined as (
    select
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.hygiene_visits as mart_hygiene_visits,
        raw_by_month.hygiene_visits as raw_hygiene_visits,
        mart_by_month.perio_visits as mart_perio_visits,
        raw_by_month.perio_visits as raw_perio_visits
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

comparisons as (
    select 'hygiene_visits' as measure, month_start,
        mart_hygiene_visits as mart_value, raw_hygiene_visits as raw_value
    from joined
    union all
    select 'perio_visits', month_start,
        mart_perio_visits, raw_perio_visits
    from joined
    union all
    select 'perio_visits_total', cast(null as date),
        (select cast(sum(perio_visits) as bigint) from mart_hygiene),
        (select cast(sum(is_perio) as bigint) from hygiene_visits)
),

final as (
    select *
    from comparisons
    where mart_value is null
        or raw_value is null
        or mart_value <> raw_value
)

select * from final
