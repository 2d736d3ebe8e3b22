{#- Scheduled production (DESIGN.md): fees of procedures attached to appointments of a day.
    Recomputed here from the raw appointment and procedurelog tables: ProcFee * (UnitQty +
    BaseUnits) of the procedures attached to an appointment (AptNum), deleted ones (ProcStatus 6)
    left out, for the appointments booked for a day in the statuses of a visit (AptStatus 1
    scheduled, 2 complete, 3 unscheduled list, 5 broken), by the month of the appointment and the
    provider whose chair time it books (the hygienist for a hygiene appointment), and over the
    whole history. Compared with mart_appointment_summary.scheduled_production_amount to the
    cent; one row per disagreement. -#}

with

mart_days as (
    select * from {{ ref('mart_appointment_summary') }}
),

-- Appointments of a day in the statuses of a visit.
day_appointments as (
    {{ raw_booked_appointments([1, 2, 3, 5]) }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

appointment_procedures as (
    select
        day_appointments.chair_provider_id as provider_id,
        day_appointments.month_start,
        cast(raw_procedures.procfee as decimal(15, 2)) * (raw_procedures.unitqty + raw_procedures.baseunits)
            as fee_amount
    from raw_procedures
    inner join day_appointments
        on raw_procedures.aptnum = day_appointments.aptnum
    where raw_procedures.aptnum <> 0
      and raw_procedures.procstatus <> 6
),

raw_by_month as (
    select
        provider_id,
        month_start,
        sum(fee_amount) as scheduled_production_amount
    from appointment_procedures
    group by provider_id, month_start
),

mart_by_month as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'calendar_date') }} as date) as month_start,
        sum(scheduled_production_amount) as scheduled_production_amount
    from mart_days
    group by provider_id, cast({{ dbt.date_trunc('month', 'calendar_date') }} as date)
    having sum(scheduled_production_amount) <> 0
),

monthly_comparison as (
    select
        coalesce(mart_by_month.provider_id, raw_by_month.provider_id) as provider_id,
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.scheduled_production_amount as mart_amount,
        raw_by_month.scheduled_production_amount as raw_amount
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.provider_id = raw_by_month.provider_id
        and mart_by_month.month_start = raw_by_month.month_start
),

total_comparison as (
    select
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        cast(null as date) as month_start,
        (select sum(scheduled_production_amount) from mart_days) as mart_amount,
        (select sum(fee_amount) from appointment_procedures) as raw_amount
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_amount, 0) <> coalesce(raw_amount, 0)
)

select * from final
