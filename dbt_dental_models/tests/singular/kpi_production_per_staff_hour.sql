{#- Production per staff hour: production / hours the staff worked on the time clock, per clinic
    and month. Recomputed here from the raw clockevent, timeadjust, procedurelog and claimproc
    tables: worked minutes are the lengths of the ended working stretches (ClockStatus Home or
    Lunch; Break rows are time inside them) with their adjustments (Adjust + AdjustAuto), plus
    the timecard's regular and overtime changes that are not leave (PtoDefNum 0), by the
    clock-in's (or the entry's) clinic and month; production is OpenDental's, ProcFee * (UnitQty
    + BaseUnits) of the completed procedures (ProcStatus 2) less their capitation write-offs
    (claimproc Status 7), by the procedure's clinic and ProcDate; both up to the as-of date.
    Compared with mart_production_per_staff_hour's worked_hours and production_amount; one row
    per disagreement. -#}

with

mart_months as (
    select * from {{ ref('mart_production_per_staff_hour') }}
),

raw_clock_events as (
    select * from {{ source('opendental', 'clockevent') }}
),

raw_time_adjustments as (
    select * from {{ source('opendental', 'timeadjust') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_claim_procedures as (
    select * from {{ source('opendental', 'claimproc') }}
),

clocked as (
    select
        clinicnum,
        cast({{ dbt.date_trunc('month', 'timedisplayed1') }} as date) as month_start,
        case
            when clockstatus <> 2 and timedisplayed2 > cast('1880-01-01 00:00:00' as timestamp)
                then {{ dbt.datediff('timedisplayed1', 'timedisplayed2', 'minute') }}
            else 0
        end
        + {{ od_minutes('adjust') }} + {{ od_minutes('adjustauto') }} as worked_minutes
    from raw_clock_events
    where timedisplayed1 > cast('1880-01-01 00:00:00' as timestamp)
      and cast(timedisplayed1 as date) <= {{ as_of_date() }}
),

adjusted as (
    select
        clinicnum,
        cast({{ dbt.date_trunc('month', 'timeentry') }} as date) as month_start,
        {{ od_minutes('reghours') }} + {{ od_minutes('otimehours') }} as worked_minutes
    from raw_time_adjustments
    where ptodefnum = 0
      and timeentry > cast('1880-01-01 00:00:00' as timestamp)
      and cast(timeentry as date) <= {{ as_of_date() }}
),

raw_hours as (
    select
        nullif(clinicnum, 0) as clinic_id,
        month_start,
        sum(worked_minutes) / 60 as worked_hours
    from (
        select * from clocked
        union all
        select * from adjusted
    ) as worked
    group by nullif(clinicnum, 0), month_start
),

capitation_write_offs as (
    select procnum, sum(cast(writeoff as decimal(15, 2))) as write_off_amount
    from raw_claim_procedures
    where status = 7
    group by procnum
),

raw_production as (
    select
        nullif(raw_procedures.clinicnum, 0) as clinic_id,
        cast({{ dbt.date_trunc('month', 'raw_procedures.procdate') }} as date) as month_start,
        sum(
            cast(raw_procedures.procfee as decimal(15, 2)) * (raw_procedures.unitqty + raw_procedures.baseunits)
            - coalesce(capitation_write_offs.write_off_amount, 0)
        ) as production_amount
    from raw_procedures
    left join capitation_write_offs
        on raw_procedures.procnum = capitation_write_offs.procnum
    where raw_procedures.procstatus = 2
      and raw_procedures.procdate > cast('1880-01-01' as date)
      and raw_procedures.procdate <= {{ as_of_date() }}
    group by nullif(raw_procedures.clinicnum, 0), cast({{ dbt.date_trunc('month', 'raw_procedures.procdate') }} as date)
),

-- Months with staff time on the clock (the mart's rows), with the clinic's production.
raw_months as (
    select
        raw_hours.clinic_id,
        raw_hours.month_start,
        raw_hours.worked_hours,
        coalesce(raw_production.production_amount, 0) as production_amount
    from raw_hours
    left join raw_production
        on coalesce(raw_hours.clinic_id, -1) = coalesce(raw_production.clinic_id, -1)
        and raw_hours.month_start = raw_production.month_start
),

joined as (
    select
        coalesce(mart_months.clinic_id, raw_months.clinic_id) as clinic_id,
        coalesce(mart_months.month_start_date, raw_months.month_start) as month_start,
        mart_months.worked_hours as mart_worked_hours,
        raw_months.worked_hours as raw_worked_hours,
        mart_months.production_amount as mart_production_amount,
        raw_months.production_amount as raw_production_amount
    from mart_months
    full outer join raw_months
        on coalesce(mart_months.clinic_id, -1) = coalesce(raw_months.clinic_id, -1)
        and mart_months.month_start_date = raw_months.month_start
)

select *
from joined
where mart_worked_hours is null
   or raw_worked_hours is null
   or abs(mart_worked_hours - raw_worked_hours) > 0.01
   or abs(mart_production_amount - raw_production_amount) > 0.01
