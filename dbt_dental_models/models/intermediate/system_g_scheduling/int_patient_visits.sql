{{ config(materialized='table') }}

{#- The hygiene-visit codes of var('hygiene_visit_procedure_codes') as SQL lists: all of them, and
    the periodontal ones (scaling and root planing, periodontal maintenance). -#}
{%- set hygiene_codes = [] -%}
{%- set periodontal_codes = [] -%}
{%- for code, kind in var('hygiene_visit_procedure_codes').items() -%}
    {%- do hygiene_codes.append("'" ~ code ~ "'") -%}
    {%- if kind == 'periodontal' -%}
        {%- do periodontal_codes.append("'" ~ code ~ "'") -%}
    {%- endif -%}
{%- endfor %}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

-- A visit is a day the patient had completed work: a completed procedure that is not a
-- broken-appointment charge (D9986/D9987 bill for a visit that did not happen).
visit_procedures as (
    select
        patient_id,
        procedure_date as visit_date,
        procedure_id,
        provider_id,
        clinic_id,
        procedure_code in ({{ hygiene_codes | join(', ') }}) as is_hygiene_visit_code,
        procedure_code in ({{ periodontal_codes | join(', ') }}) as is_periodontal_visit_code
    from completed_procedures
    where not is_broken_appointment_code
      and patient_id is not null
      and procedure_date is not null
),

-- The visit is credited to the provider and clinic of its first hygiene-visit procedure (the
-- hygienist's), else of its first procedure; ties go to the lowest ProcNum.
ranked_visit_procedures as (
    select
        visit_procedures.*,
        row_number() over (
            partition by patient_id, visit_date
            order by case when is_hygiene_visit_code then 0 else 1 end, procedure_id
        ) as rank_in_visit
    from visit_procedures
),

visits as (
    select
        patient_id,
        visit_date,
        cast(count(*) as bigint) as procedure_count,
        max(case when is_hygiene_visit_code then 1 else 0 end) = 1 as is_hygiene_visit,
        max(case when is_periodontal_visit_code then 1 else 0 end) = 1 as is_perio_visit
    from visit_procedures
    group by patient_id, visit_date
),

credited_visits as (
    select
        visits.*,
        ranked_visit_procedures.provider_id,
        ranked_visit_procedures.clinic_id
    from visits
    inner join ranked_visit_procedures
        on visits.patient_id = ranked_visit_procedures.patient_id
        and visits.visit_date = ranked_visit_procedures.visit_date
        and ranked_visit_procedures.rank_in_visit = 1
),

sequenced_visits as (
    select
        credited_visits.*,
        lag(visit_date) over (partition by patient_id order by visit_date) as previous_visit_date,
        lead(visit_date) over (partition by patient_id order by visit_date) as next_visit_date
    from credited_visits
),

-- Appointments holding a hygiene-visit procedure (attached by AptNum, not deleted).
appointments_with_hygiene_procedures as (
    select distinct procedures.appointment_id
    from procedures
    inner join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    where procedures.appointment_id is not null
      and procedures.procedure_status_code <> 6
      and procedure_catalog.procedure_code in ({{ hygiene_codes | join(', ') }})
),

-- A booking: an appointment as it stands at the as-of date (OpenDental deletes the row of a
-- deleted appointment), scheduled (AptStatus 1) or complete (2); one broken (5) or sent to the
-- unscheduled list (3) is not a booking, nor a planned appointment (6) or a note (7, 8). Its
-- entry day is SecDateTEntry (created_at), the day it was put in the book; an appointment
-- without one cannot be shown to have been booked by a visit and is left out.
bookings as (
    select
        appointments.patient_id,
        cast(appointments.created_at as date) as booked_date,
        cast(appointments.appointment_at as date) as appointment_date,
        (
            appointments.is_hygiene
            or appointments_with_hygiene_procedures.appointment_id is not null
        ) as is_hygiene_appointment
    from appointments
    left join appointments_with_hygiene_procedures
        on appointments.appointment_id = appointments_with_hygiene_procedures.appointment_id
    where appointments.appointment_status_code in (1, 2)
      and appointments.patient_id is not null
      and appointments.created_at is not null
      and appointments.appointment_at is not null
),

-- Left with an appointment booked: a booking entered on or before the visit day, for a later day.
visit_bookings as (
    select
        sequenced_visits.patient_id,
        sequenced_visits.visit_date,
        true as has_next_appointment_booked,
        max(case when bookings.is_hygiene_appointment then 1 else 0 end) = 1
            as has_next_hygiene_appointment_booked
    from sequenced_visits
    inner join bookings
        on sequenced_visits.patient_id = bookings.patient_id
        and bookings.booked_date <= sequenced_visits.visit_date
        and bookings.appointment_date > sequenced_visits.visit_date
    group by sequenced_visits.patient_id, sequenced_visits.visit_date
),

final as (
    select
        -- ids
        sequenced_visits.patient_id,
        sequenced_visits.provider_id,
        sequenced_visits.clinic_id,

        -- dates
        sequenced_visits.visit_date,
        sequenced_visits.previous_visit_date,
        sequenced_visits.next_visit_date,

        -- attributes
        sequenced_visits.procedure_count,

        -- flags
        sequenced_visits.is_hygiene_visit,
        sequenced_visits.is_perio_visit,
        coalesce(visit_bookings.has_next_appointment_booked, false) as has_next_appointment_booked,
        coalesce(visit_bookings.has_next_hygiene_appointment_booked, false)
            as has_next_hygiene_appointment_booked
    from sequenced_visits
    left join visit_bookings
        on sequenced_visits.patient_id = visit_bookings.patient_id
        and sequenced_visits.visit_date = visit_bookings.visit_date
)

select * from final
