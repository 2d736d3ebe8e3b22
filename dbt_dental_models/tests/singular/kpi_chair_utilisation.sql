{#- Chair (schedule) utilisation (DESIGN.md): booked minutes / scheduled provider minutes.
    Recomputed here from the raw schedule and appointment tables: scheduled minutes are the
    provider's working-hour blocks (SchedType 1, StopTime - StartTime); booked minutes are the
    lengths (5 minutes per character of Pattern) of the scheduled (AptStatus 1) and complete (2)
    appointments in the provider's chair time (the hygienist's, ProvHyg, for a hygiene
    appointment). Compared with mart_appointment_summary per month and provider and over the
    whole history; one row per disagreement. -#}

with

mart_days as (
    select * from {{ ref('mart_appointment_summary') }}
),

raw_schedule as (
    select * from {{ source('opendental', 'schedule') }}
),

-- Scheduled (AptStatus 1) and complete (2) appointments of a day.
booked_appointments as (
    {{ raw_booked_appointments([1, 2]) }}
),

scheduled as (
    select
        provnum as provider_id,
        cast({{ dbt.date_trunc('month', 'scheddate') }} as date) as month_start,
        {{ od_minutes('stoptime') }} - {{ od_minutes('starttime') }} as scheduled_minutes,
        cast(0 as decimal(12, 2)) as booked_minutes
    from raw_schedule
    where schedtype = 1
      and provnum <> 0
      and scheddate > cast('1880-01-01' as date)
),

booked as (
    select
        chair_provider_id as provider_id,
        month_start,
        cast(0 as decimal(12, 2)) as scheduled_minutes,
        booked_minutes
    from booked_appointments
),

raw_minutes as (
    select * from scheduled
    union all
    select * from booked
),

raw_by_month as (
    select
        provider_id,
        month_start,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(booked_minutes) as booked_minutes
    from raw_minutes
    group by provider_id, month_start
),

mart_by_month as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'calendar_date') }} as date) as month_start,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(booked_minutes) as booked_minutes
    from mart_days
    group by provider_id, cast({{ dbt.date_trunc('month', 'calendar_date') }} as date)
),

monthly_comparison as (
    select
        coalesce(mart_by_month.provider_id, raw_by_month.provider_id) as provider_id,
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.booked_minutes as mart_booked_minutes,
        raw_by_month.booked_minutes as raw_booked_minutes,
        mart_by_month.scheduled_minutes as mart_scheduled_minutes,
        raw_by_month.scheduled_minutes as raw_scheduled_minutes
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.provider_id = raw_by_month.provider_id
        and mart_by_month.month_start = raw_by_month.month_start
),

total_comparison as (
    select
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        cast(null as date) as month_start,
        (select sum(booked_minutes) from mart_days) as mart_booked_minutes,
        (select sum(booked_minutes) from raw_minutes) as raw_booked_minutes,
        (select sum(scheduled_minutes) from mart_days) as mart_scheduled_minutes,
        (select sum(scheduled_minutes) from raw_minutes) as raw_scheduled_minutes
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_booked_minutes, 0) <> coalesce(raw_booked_minutes, 0)
        or coalesce(mart_scheduled_minutes, 0) <> coalesce(raw_scheduled_minutes, 0)
)

select * from final
