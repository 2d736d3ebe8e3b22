{#- Production per scheduled hour (DESIGN.md): production / booked provider hours, per provider
    (so dentists and hygienists apart). Recomputed here from the raw procedurelog, claimproc and
    appointment tables: production is OpenDental's, ProcFee * (UnitQty + BaseUnits) of the
    completed procedures (ProcStatus 2) by ProcDate and the procedure's provider, less their
    capitation write-offs (claimproc Status 7); booked minutes are the lengths (5 minutes per
    character of Pattern) of the scheduled (AptStatus 1) and complete (2) appointments of the
    provider's chair time (the hygienist's for a hygiene appointment), both up to the as-of date.
    Compared with mart_provider_performance's production_amount and booked_minutes per provider
    and month and over the whole history; one row per disagreement. -#}

with

mart_months as (
    select * from {{ ref('mart_provider_performance') }}
),

procedure_production as (
    {{ raw_procedure_production() }}
),

-- Scheduled (AptStatus 1) and complete (2) appointments of a day.
booked_appointments as (
    {{ raw_booked_appointments([1, 2]) }}
),

production as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'procdate') }} as date) as month_start,
        production_amount,
        cast(0 as decimal(12, 2)) as booked_minutes
    from procedure_production
    where procdate > cast('1880-01-01' as date)
      and procdate <= {{ as_of_date() }}
),

booked as (
    select
        chair_provider_id as provider_id,
        month_start,
        cast(0 as decimal(15, 2)) as production_amount,
        booked_minutes
    from booked_appointments
    where appointment_date <= {{ as_of_date() }}
),

raw_rows as (
    select * from production
    union all
    select * from booked
),

raw_by_month as (
    select
        coalesce(provider_id, 0) as provider_id,
        month_start,
        sum(production_amount) as production_amount,
        sum(booked_minutes) as booked_minutes
    from raw_rows
    group by coalesce(provider_id, 0), month_start
),

-- Provider-months with neither production nor booked time (income or hours only) are left out.
mart_by_month as (
    select
        coalesce(provider_id, 0) as provider_id,
        month_start_date as month_start,
        sum(production_amount) as production_amount,
        sum(booked_minutes) as booked_minutes
    from mart_months
    group by coalesce(provider_id, 0), month_start_date
    having sum(production_amount) <> 0 or sum(booked_minutes) <> 0
),

monthly_comparison as (
    select
        coalesce(mart_by_month.provider_id, raw_by_month.provider_id) as provider_id,
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.production_amount as mart_production_amount,
        raw_by_month.production_amount as raw_production_amount,
        mart_by_month.booked_minutes as mart_booked_minutes,
        raw_by_month.booked_minutes as raw_booked_minutes
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.provider_id = raw_by_month.provider_id
        and mart_by_month.month_start = raw_by_month.month_start
),

total_comparison as (
    select
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        cast(null as date) as month_start,
        (select sum(production_amount) from mart_months) as mart_production_amount,
        (select sum(production_amount) from raw_rows) as raw_production_amount,
        (select sum(booked_minutes) from mart_months) as mart_booked_minutes,
        (select sum(booked_minutes) from raw_rows) as raw_booked_minutes
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_production_amount, 0) <> coalesce(raw_production_amount, 0)
        or coalesce(mart_booked_minutes, 0) <> coalesce(raw_booked_minutes, 0)
)

select * from final
