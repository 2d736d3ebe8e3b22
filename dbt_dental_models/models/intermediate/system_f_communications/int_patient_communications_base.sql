{{ config(materialized='table') }}

{%- set window_days = var('communication_appointment_window_days') -%}

with communications as (
    select * from {{ ref('stg_opendental__commlog') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

-- Entries about a patient (referral-source notes have none), with who or what made them.
patient_communications as (
    select
        communications.communication_id,
        communications.patient_id,
        patients.guarantor_id,
        communications.user_id,
        communications.communication_type_definition_id,
        definitions.item_name as communication_type,
        communications.communication_at,
        communications.mode_code,
        communications.mode,
        communications.direction_code,
        communications.direction,
        communications.communication_source_code,
        communications.communication_source,
        -- OpenDental's CommItemSource: 0 User is someone at the practice; 3 ApptReminder,
        -- 6 ApptThankYou, 8 NewPatThankYou and 9 MsgToPay are eServices' automated messages;
        -- the rest are other systems (1 Web Sched, 2 a program link, 4 HQ, 5 backup, 7 the API).
        case
            when communications.communication_source_code = 0 then 'user'
            when communications.communication_source_code in (3, 6, 8, 9) then 'automated_message'
            else 'other_system'
        end as communication_origin,
        communications.communication_source_code in (6, 8) as is_thank_you
    from communications
    inner join patients
        on communications.patient_id = patients.patient_id
    left join definitions
        on communications.communication_type_definition_id = definitions.definition_id
),

-- Appointments that hold a time on the schedule (not planned ones, nor patient notes).
dated_appointments as (
    select
        appointment_id,
        patient_id,
        appointment_at,
        created_at
    from appointments
    where appointment_status in ('scheduled', 'complete', 'unscheduled_list', 'asap', 'broken')
      and appointment_at is not null
),

-- The appointment an entry is about: for a thank-you, the patient's appointment booked last at or
-- before the entry on the same day; for anything else, the patient's next appointment after the
-- entry within the window.
appointment_candidates as (
    select
        patient_communications.communication_id,
        dated_appointments.appointment_id,
        dated_appointments.appointment_at,
        row_number() over (
            partition by patient_communications.communication_id
            order by
                case
                    when patient_communications.is_thank_you then dated_appointments.created_at
                end desc,
                dated_appointments.appointment_at,
                dated_appointments.appointment_id
        ) as nearness
    from patient_communications
    inner join dated_appointments
        on patient_communications.patient_id = dated_appointments.patient_id
    where (
        patient_communications.is_thank_you
        and dated_appointments.created_at <= patient_communications.communication_at
        and cast(dated_appointments.created_at as date) = cast(patient_communications.communication_at as date)
    ) or (
        not patient_communications.is_thank_you
        and dated_appointments.appointment_at > patient_communications.communication_at
        and dated_appointments.appointment_at <= {{ dbt.dateadd('day', window_days, 'patient_communications.communication_at') }}
    )
),

related_appointments as (
    select * from appointment_candidates where nearness = 1
),

final as (
    select
        -- ids
        patient_communications.communication_id,
        patient_communications.patient_id,
        patient_communications.guarantor_id,
        patient_communications.user_id,
        patient_communications.communication_type_definition_id,
        related_appointments.appointment_id as related_appointment_id,

        -- dates
        patient_communications.communication_at,
        cast(patient_communications.communication_at as date) as communication_date,
        cast(extract(hour from patient_communications.communication_at) as integer) as communication_hour,
        related_appointments.appointment_at as related_appointment_at,
        {{ dbt.datediff(
            'cast(patient_communications.communication_at as date)',
            'cast(related_appointments.appointment_at as date)',
            'day'
        ) }} as days_before_appointment,

        -- flags
        patient_communications.communication_origin <> 'user' as is_automated,
        patient_communications.direction = 'sent' as is_outbound,
        patient_communications.direction = 'received' as is_inbound,

        -- codes
        patient_communications.communication_type,
        patient_communications.mode_code,
        patient_communications.mode,
        patient_communications.direction_code,
        patient_communications.direction,
        patient_communications.communication_source_code,
        patient_communications.communication_source,
        patient_communications.communication_origin
    from patient_communications
    left join related_appointments
        on patient_communications.communication_id = related_appointments.communication_id
)

select * from final
