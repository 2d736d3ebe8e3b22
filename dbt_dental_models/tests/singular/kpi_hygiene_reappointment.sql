{#- Hygiene reappointment, recomputed from the raw layer: the hygiene visits of each month (a
    patient's day with a completed procedure, ProcStatus 2, whose code is one of
    var('hygiene_visit_procedure_codes'): D1110, D1120, D4341, D4342, D4910), and those whose
    patient left with a hygiene appointment booked: an appointment entered (SecDateTEntry) on or
    before the visit day, dated (AptDateTime) after it, scheduled (AptStatus 1) or complete (2)
    in the raw table, and flagged IsHygiene or holding a non-deleted procedure of those codes.
    Compared with mart_hygiene_visit summed over clinics and providers, month by month. One row
    per disagreement. -#}

{%- set hygiene_codes = [] -%}
{%- for code in var('hygiene_visit_procedure_codes') -%}
    {%- do hygiene_codes.append("'" ~ code ~ "'") -%}
{%- endfor %}

with

mart_hygiene as (
    select * from {{ ref('mart_hygiene_visit') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

raw_appointments as (
    select * from {{ source('opendental', 'appointment') }}
),

hygiene_visits as (
    {{ raw_hygiene_visits() }}
),

-- Appointments holding a hygiene-visit procedure that was not deleted (ProcStatus 6).
appointments_holding_hygiene_work as (
    select distinct raw_procedures.aptnum
    from raw_procedures
    inner join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.aptnum <> 0
      and raw_procedures.procstatus <> 6
      and raw_procedure_codes.proccode in ({{ hygiene_codes | join(', ') }})
),

hygiene_bookings as (
    select
        raw_appointments.patnum,
        cast(raw_appointments.secdatetentry as date) as entered_date,
        cast(raw_appointments.aptdatetime as date) as appointment_date
    from raw_appointments
    left join appointments_holding_hygiene_work
        on raw_appointments.aptnum = appointments_holding_hygiene_work.aptnum
    where raw_appointments.aptstatus in (1, 2)
      and raw_appointments.secdatetentry > cast('0001-01-01 00:00:00' as timestamp)
      and (raw_appointments.ishygiene = 1 or appointments_holding_hygiene_work.aptnum is not null)
),

reappointed_visits as (
    select distinct
        hygiene_visits.patnum,
        hygiene_visits.visit_date
    from hygiene_visits
    inner join hygiene_bookings
        on hygiene_visits.patnum = hygiene_bookings.patnum
        and hygiene_bookings.entered_date <= hygiene_visits.visit_date
        and hygiene_bookings.appointment_date > hygiene_visits.visit_date
),

raw_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'hygiene_visits.visit_date') }} as date) as month_start,
        cast(count(*) as bigint) as hygiene_visits,
        cast(count(reappointed_visits.patnum) as bigint) as hygiene_visits_reappointed
    from hygiene_visits
    left join reappointed_visits
        on hygiene_visits.patnum = reappointed_visits.patnum
        and hygiene_visits.visit_date = reappointed_visits.visit_date
    group by cast({{ dbt.date_trunc('month', 'hygiene_visits.visit_date') }} as date)
),

mart_by_month as (
    select
        visit_month as month_start,
        cast(sum(hygiene_visits) as bigint) as hygiene_visits,
        cast(sum(hygiene_visits_reappointed) as bigint) as hygiene_visits_reappointed
    from mart_hygiene
    group by visit_month
),

joined as (
    select
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.hygiene_visits as mart_hygiene_visits,
        raw_by_month.hygiene_visits as raw_hygiene_visits,
        mart_by_month.hygiene_visits_reappointed as mart_hygiene_visits_reappointed,
        raw_by_month.hygiene_visits_reappointed as raw_hygiene_visits_reappointed
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

comparisons as (
    select 'hygiene_visits' as measure, month_start,
        mart_hygiene_visits as mart_value, raw_hygiene_visits as raw_value
    from joined
    union all
    select 'hygiene_visits_reappointed', month_start,
        mart_hygiene_visits_reappointed, raw_hygiene_visits_reappointed
    from joined
    union all
    select 'hygiene_visits_total', cast(null as date),
        (select cast(sum(hygiene_visits) as bigint) from mart_hygiene),
        (select cast(count(*) as bigint) from hygiene_visits)
),

final as (
    select *
    from comparisons
    where mart_value is null
        or raw_value is null
        or mart_value <> raw_value
)

select * from final
