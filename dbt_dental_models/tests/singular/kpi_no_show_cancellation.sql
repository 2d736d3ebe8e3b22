{#- No-show / cancellation (DESIGN.md): broken appointments charged D9986 (missed: no-show) or
    D9987 (cancelled); without a charge, by when they were broken (less than var
    no_show_notice_hours before the start, or after it: no-show; earlier: cancellation) /
    appointments scheduled. Recounted here from the raw appointment, histappointment,
    procedurelog and procedurecode tables: appointments scheduled are those booked for a day in
    the statuses of a visit (AptStatus 1 scheduled, 2 complete, 3 unscheduled list, 5 broken),
    broken ones are those left broken (5) or taken off the day to the unscheduled list (3); a
    charge is a completed D9986/D9987 of the patient dated the appointment's day (the patient's
    first broken appointment that day carries it; D9986 first when both were posted); the break
    is the first history row showing the appointment broken or unscheduled after the last row
    showing it otherwise, else the appointment's DateTStamp. Compared with mart_appointment_summary
    per month and provider whose chair time the appointment books (the hygienist for a hygiene
    appointment) and over the whole history. One row per disagreement. -#}

{%- set codes = var('broken_appointment_procedure_codes') -%}

with

mart_days as (
    select * from {{ ref('mart_appointment_summary') }}
),

raw_history as (
    select * from {{ source('opendental', 'histappointment') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

-- Appointments of a day in the statuses of a visit.
day_appointments as (
    {{ raw_booked_appointments([1, 2, 3, 5]) }}
),

-- Broken-appointment charges per patient and day; D9986 sorts first when both were posted.
charges as (
    select
        raw_procedures.patnum,
        raw_procedures.procdate,
        min(raw_procedure_codes.proccode) as proccode
    from raw_procedures
    inner join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.procstatus = 2
      and raw_procedure_codes.proccode in ({% for code in codes %}'{{ code }}'{{ ', ' if not loop.last }}{% endfor %})
    group by raw_procedures.patnum, raw_procedures.procdate
),

broken_ranked as (
    select
        *,
        row_number() over (partition by patnum, appointment_date order by aptdatetime, aptnum) as rank_in_day
    from day_appointments
    where aptstatus in (3, 5)
),

last_unbroken as (
    select
        aptnum,
        max(histdatetstamp) as last_unbroken_at
    from raw_history
    where aptstatus not in (3, 5)
      and histdatetstamp > cast('1880-01-01' as timestamp)
    group by aptnum
),

first_broken as (
    select
        raw_history.aptnum,
        min(raw_history.histdatetstamp) as broken_since_at
    from raw_history
    left join last_unbroken
        on raw_history.aptnum = last_unbroken.aptnum
    where raw_history.aptstatus in (3, 5)
      and raw_history.histdatetstamp > cast('1880-01-01' as timestamp)
      and (last_unbroken.last_unbroken_at is null or raw_history.histdatetstamp > last_unbroken.last_unbroken_at)
    group by raw_history.aptnum
),

broken_classified as (
    select
        broken_ranked.aptnum,
        case
            {%- for code, meaning in codes.items() %}
            when broken_ranked.rank_in_day = 1 and charges.proccode = '{{ code }}'
                then '{{ 'no_show' if meaning == 'missed' else 'cancelled' }}'
            {%- endfor %}
            when coalesce(first_broken.broken_since_at, broken_ranked.stamped_at) is null then 'no_show'
            when {{ dbt.datediff('coalesce(first_broken.broken_since_at, broken_ranked.stamped_at)', 'broken_ranked.aptdatetime', 'minute') }}
                < {{ var('no_show_notice_hours') }} * 60
                then 'no_show'
            else 'cancelled'
        end as outcome
    from broken_ranked
    left join charges
        on broken_ranked.patnum = charges.patnum
        and broken_ranked.appointment_date = charges.procdate
    left join first_broken
        on broken_ranked.aptnum = first_broken.aptnum
),

raw_appointment_outcomes as (
    select
        day_appointments.month_start,
        day_appointments.chair_provider_id as chair_provider,
        case when broken_classified.outcome = 'no_show' then 1 else 0 end as is_no_show,
        case when broken_classified.outcome = 'cancelled' then 1 else 0 end as is_cancelled
    from day_appointments
    left join broken_classified
        on day_appointments.aptnum = broken_classified.aptnum
),

raw_by_month as (
    select
        month_start,
        chair_provider,
        cast(count(*) as bigint) as appointments_scheduled,
        cast(sum(is_no_show) as bigint) as appointments_no_show,
        cast(sum(is_cancelled) as bigint) as appointments_cancelled
    from raw_appointment_outcomes
    group by month_start, chair_provider
),

-- Rows with working hours only carry zero appointments: left out, as the raw side has none.
mart_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'calendar_date') }} as date) as month_start,
        coalesce(provider_id, 0) as chair_provider,
        cast(sum(appointments_scheduled) as bigint) as appointments_scheduled,
        cast(sum(appointments_no_show) as bigint) as appointments_no_show,
        cast(sum(appointments_cancelled) as bigint) as appointments_cancelled
    from mart_days
    group by cast({{ dbt.date_trunc('month', 'calendar_date') }} as date), coalesce(provider_id, 0)
    having sum(appointments_scheduled) <> 0 or sum(appointments_no_show) <> 0 or sum(appointments_cancelled) <> 0
),

monthly_comparison as (
    select
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        coalesce(mart_by_month.chair_provider, raw_by_month.chair_provider) as provider_id,
        mart_by_month.appointments_scheduled as mart_scheduled,
        raw_by_month.appointments_scheduled as raw_scheduled,
        mart_by_month.appointments_no_show as mart_no_show,
        raw_by_month.appointments_no_show as raw_no_show,
        mart_by_month.appointments_cancelled as mart_cancelled,
        raw_by_month.appointments_cancelled as raw_cancelled
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
        and mart_by_month.chair_provider = raw_by_month.chair_provider
),

total_comparison as (
    select
        cast(null as date) as month_start,
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        (select cast(sum(appointments_scheduled) as bigint) from mart_days) as mart_scheduled,
        (select cast(count(*) as bigint) from raw_appointment_outcomes) as raw_scheduled,
        (select cast(sum(appointments_no_show) as bigint) from mart_days) as mart_no_show,
        (select cast(sum(is_no_show) as bigint) from raw_appointment_outcomes) as raw_no_show,
        (select cast(sum(appointments_cancelled) as bigint) from mart_days) as mart_cancelled,
        (select cast(sum(is_cancelled) as bigint) from raw_appointment_outcomes) as raw_cancelled
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_scheduled, 0) <> coalesce(raw_scheduled, 0)
        or coalesce(mart_no_show, 0) <> coalesce(raw_no_show, 0)
        or coalesce(mart_cancelled, 0) <> coalesce(raw_cancelled, 0)
)

select * from final
