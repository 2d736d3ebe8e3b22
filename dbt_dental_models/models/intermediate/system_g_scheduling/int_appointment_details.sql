{{ config(materialized='table') }}

with appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

appointment_types as (
    select * from {{ ref('stg_opendental__appointmenttype') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

appointment_history as (
    select * from {{ ref('stg_opendental__histappointment') }}
),

-- Procedures attached to an appointment by AptNum; deleted procedures (status 6) no longer count.
appointment_procedures as (
    select
        appointment_id,
        count(*) as procedure_count,
        cast(sum(procedure_fee * (unit_quantity + base_units)) as decimal(15, 2)) as scheduled_production_amount,
        cast(
            sum(case when procedure_status_code = 2 then procedure_fee * (unit_quantity + base_units) else 0 end)
            as decimal(15, 2)
        ) as completed_production_amount
    from procedures
    where appointment_id is not null
      and procedure_status_code <> 6
    group by appointment_id
),

-- OpenDental charges a broken appointment as a completed D9986 (missed) or D9987 (cancelled)
-- procedure on the patient's ledger the day of the appointment, not attached to it (AptNum 0).
broken_appointment_charges as (
    select
        procedures.patient_id,
        procedures.procedure_date,
        min(procedure_codes.procedure_code) as broken_appointment_code,
        cast(sum(procedures.procedure_fee * (procedures.unit_quantity + procedures.base_units)) as decimal(15, 2))
            as broken_appointment_fee_amount
    from procedures
    inner join procedure_codes
        on procedures.procedure_code_id = procedure_codes.procedure_code_id
    where procedure_codes.procedure_code in ({{ broken_appointment_code_list() }})
      and procedures.procedure_status_code = 2
    group by procedures.patient_id, procedures.procedure_date
),

-- The charge belongs to the patient's broken (5) or unscheduled-list (3) appointment that day;
-- should a patient break two that day, the first one carries it, so nothing is counted twice.
broken_appointments_ranked as (
    select
        appointment_id,
        patient_id,
        cast(appointment_at as date) as appointment_date,
        row_number() over (
            partition by patient_id, cast(appointment_at as date)
            order by appointment_at, appointment_id
        ) as rank_in_day
    from appointments
    where appointment_status_code in (3, 5)
),

broken_charges_by_appointment as (
    select
        broken_appointments_ranked.appointment_id,
        broken_appointment_charges.broken_appointment_code,
        case broken_appointment_charges.broken_appointment_code
            {%- for code, meaning in var('broken_appointment_procedure_codes').items() %}
            when '{{ code }}' then '{{ meaning }}'
            {%- endfor %}
        end as broken_appointment_charge_type,
        broken_appointment_charges.broken_appointment_fee_amount
    from broken_appointments_ranked
    inner join broken_appointment_charges
        on broken_appointments_ranked.patient_id = broken_appointment_charges.patient_id
        and broken_appointments_ranked.appointment_date = broken_appointment_charges.procedure_date
    where broken_appointments_ranked.rank_in_day = 1
),

-- When an appointment was broken: OpenDental writes a history row (HistAppointment) each time an
-- appointment changes, holding the appointment as it became. The break is the first row in which
-- the appointment is broken (5) or on the unscheduled list (3) after the last row in which it was
-- anything else (so a break, a reschedule and a second break count the second one).
last_unbroken_history as (
    select
        appointment_id,
        max(changed_at) as last_unbroken_at
    from appointment_history
    where appointment_status_code not in (3, 5)
    group by appointment_id
),

appointment_breaks as (
    select
        appointment_history.appointment_id,
        min(appointment_history.changed_at) as broken_since_at
    from appointment_history
    left join last_unbroken_history
        on appointment_history.appointment_id = last_unbroken_history.appointment_id
    where appointment_history.appointment_status_code in (3, 5)
      and appointment_history.changed_at is not null
      and (
          last_unbroken_history.last_unbroken_at is null
          or appointment_history.changed_at > last_unbroken_history.last_unbroken_at
      )
    group by appointment_history.appointment_id
),

-- Broken appointments (DESIGN.md's no-show / cancellation): appointments booked for a day that
-- were broken (5) or taken off the day to the unscheduled list (3). Without a history row the
-- appointment's own stamp (DateTStamp, its last edit, usually the break) tells when.
broken_appointments as (
    select
        appointments.appointment_id,
        coalesce(appointment_breaks.broken_since_at, appointments.updated_at) as broken_at
    from appointments
    left join appointment_breaks
        on appointments.appointment_id = appointment_breaks.appointment_id
    where appointments.appointment_status_code in (3, 5)
      and appointments.appointment_at is not null
),

final as (
    select
        -- ids
        appointments.appointment_id,
        appointments.patient_id,
        appointments.provider_id,
        appointments.hygienist_id,
        -- Whose chair time the appointment books: the hygienist's for a hygiene appointment.
        case
            when appointments.is_hygiene and appointments.hygienist_id is not null then appointments.hygienist_id
            else appointments.provider_id
        end as schedule_provider_id,
        appointments.operatory_id,
        appointments.clinic_id,
        appointments.appointment_type_id,

        -- attributes
        appointment_types.appointment_type_name,
        appointments.appointment_status_code,
        appointments.appointment_status,
        appointments.appointment_status_code in (1, 2) as is_booked,
        appointments.is_new_patient,
        appointments.is_hygiene,

        -- dates and times
        appointments.appointment_at,
        cast(appointments.appointment_at as date) as appointment_date,
        {{ dbt.datediff(dbt.date_trunc('day', 'appointments.appointment_at'), 'appointments.appointment_at', 'minute') }}
            as start_time_minutes,
        -- One pattern character per 5 minutes, whatever the practice's display increment.
        {{ dbt.length('appointments.time_pattern') }} * 5 as appointment_length_minutes,
        appointments.arrived_at,
        appointments.seated_at,
        appointments.dismissed_at,
        case
            when appointments.arrived_at is not null and appointments.seated_at is not null
                then {{ dbt.datediff('appointments.arrived_at', 'appointments.seated_at', 'minute') }}
        end as wait_minutes,
        case
            when appointments.seated_at is not null and appointments.dismissed_at is not null
                then {{ dbt.datediff('appointments.seated_at', 'appointments.dismissed_at', 'minute') }}
        end as chair_minutes,

        -- procedures
        coalesce(appointment_procedures.procedure_count, 0) as procedure_count,
        coalesce(appointment_procedures.scheduled_production_amount, cast(0 as decimal(15, 2)))
            as scheduled_production_amount,
        coalesce(appointment_procedures.completed_production_amount, cast(0 as decimal(15, 2)))
            as completed_production_amount,

        -- broken appointment charge
        broken_charges_by_appointment.broken_appointment_code,
        broken_charges_by_appointment.broken_appointment_charge_type,
        broken_charges_by_appointment.broken_appointment_fee_amount,
        broken_charges_by_appointment.appointment_id is not null as is_broken_appointment_charged,

        -- broken appointment: no-show or cancellation (DESIGN.md). The charge says which (D9986
        -- missed: no-show, D9987 cancelled); without one, a break less than var
        -- no_show_notice_hours before the appointment's start (or after it) is a no-show, one
        -- with that much notice a cancellation; a break with no recorded time counts as a no-show.
        broken_appointments.broken_at,
        case
            when broken_appointments.appointment_id is null then null
            when broken_charges_by_appointment.broken_appointment_charge_type = 'missed' then 'no_show'
            when broken_charges_by_appointment.broken_appointment_charge_type = 'cancelled' then 'cancelled'
            when broken_appointments.broken_at is null then 'no_show'
            when {{ dbt.datediff('broken_appointments.broken_at', 'appointments.appointment_at', 'minute') }}
                < {{ var('no_show_notice_hours') }} * 60
                then 'no_show'
            else 'cancelled'
        end as broken_appointment_type,
        case
            when broken_appointments.appointment_id is null then null
            when broken_charges_by_appointment.broken_appointment_code is not null then 'charge_code'
            else 'break_time'
        end as broken_appointment_type_rule
    from appointments
    left join appointment_types
        on appointments.appointment_type_id = appointment_types.appointment_type_id
    left join appointment_procedures
        on appointments.appointment_id = appointment_procedures.appointment_id
    left join broken_charges_by_appointment
        on appointments.appointment_id = broken_charges_by_appointment.appointment_id
    left join broken_appointments
        on appointments.appointment_id = broken_appointments.appointment_id
)

select * from final
