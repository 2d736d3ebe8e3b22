{#- mart_chair_utilisation's scheduled minutes, added up over clinics, equal
    mart_provider_performance's for every provider and month up to the as-of date (both read the
    providers' SchedType 1 blocks), and its booked minutes (inside the blocks) never exceed
    mart_provider_performance's (all of the provider's booked appointments). One row per
    disagreement. -#}

with

chair_utilisation as (
    select * from {{ ref('mart_chair_utilisation') }}
),

provider_performance as (
    select * from {{ ref('mart_provider_performance') }}
),

utilisation_by_provider_month as (
    select
        provider_id,
        month_start_date,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(booked_minutes) as booked_minutes
    from chair_utilisation
    group by provider_id, month_start_date
),

performance as (
    select
        provider_id,
        month_start_date,
        scheduled_minutes,
        booked_minutes
    from provider_performance
    where scheduled_minutes > 0
),

final as (
    select
        coalesce(utilisation_by_provider_month.provider_id, performance.provider_id) as provider_id,
        coalesce(utilisation_by_provider_month.month_start_date, performance.month_start_date) as month_start_date,
        utilisation_by_provider_month.scheduled_minutes as utilisation_scheduled_minutes,
        performance.scheduled_minutes as performance_scheduled_minutes,
        utilisation_by_provider_month.booked_minutes as utilisation_booked_minutes,
        performance.booked_minutes as performance_booked_minutes
    from utilisation_by_provider_month
    full outer join performance
        on utilisation_by_provider_month.provider_id = performance.provider_id
        and utilisation_by_provider_month.month_start_date = performance.month_start_date
    where coalesce(utilisation_by_provider_month.scheduled_minutes, 0) <> coalesce(performance.scheduled_minutes, 0)
       or coalesce(utilisation_by_provider_month.booked_minutes, 0) > coalesce(performance.booked_minutes, 0)
)

select * from final
