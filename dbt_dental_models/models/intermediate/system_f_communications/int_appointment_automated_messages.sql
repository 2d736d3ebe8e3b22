with

reminders_sent as (
    select * from {{ ref('stg_opendental__apptremindersent') }}
),

confirmation_requests as (
    select * from {{ ref('stg_opendental__confirmationrequest') }}
),

texts_sent as (
    select * from {{ ref('stg_opendental__smstomobile') }}
),

emails as (
    select * from {{ ref('stg_opendental__emailmessage') }}
),

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

-- Reminders (OpenDental keeps them in apptremindersent) and confirmation requests
-- (confirmationrequest): the two kinds of message the eConnector sends about a booked visit.
messages as (
    select
        'reminder' as message_kind,
        reminder_sent_id as source_id,
        appointment_id,
        patient_id,
        clinic_id,
        channel,
        message_id,
        sent_at,
        send_status,
        cast(null as {{ dbt.type_string() }}) as rsvp_status,
        cast(null as timestamp) as responded_at
    from reminders_sent
    union all
    select
        'confirmation_request' as message_kind,
        confirmation_request_id as source_id,
        appointment_id,
        patient_id,
        clinic_id,
        channel,
        message_id,
        sent_at,
        send_status,
        rsvp_status,
        responded_at
    from confirmation_requests
),

-- Appointments the patient confirmed through a confirmation request (a positive RSVP).
confirmed_appointments as (
    select appointment_id, min(responded_at) as confirmed_at
    from confirmation_requests
    where rsvp_status = 'positive_rsvp'
    group by appointment_id
),

final as (
    select
        -- grain
        messages.message_kind,
        messages.source_id,

        -- ids
        messages.appointment_id,
        messages.patient_id,
        messages.clinic_id,
        messages.message_id,

        -- the message
        messages.channel,
        messages.sent_at,
        cast(messages.sent_at as date) as sent_date,
        messages.send_status,
        messages.send_status in ('send_successful', 'sent_awaiting_receipt') as is_sent,
        -- Delivered: sent, and the text's carrier or the mail server did not report a failure;
        -- a send with no message row recorded counts as delivered when it went out.
        messages.send_status in ('send_successful', 'sent_awaiting_receipt')
        and coalesce(
            case
                when messages.channel = 'text'
                    then texts_sent.delivery_status in ('delivery_conf', 'delivery_unconf')
                when messages.channel in ('email', 'secure_email')
                    then emails.sent_or_received <> 'send_failed'
            end,
            true
        ) as is_delivered,
        messages.rsvp_status,
        messages.responded_at,

        -- the appointment and what became of it
        appointments.appointment_at,
        appointments.appointment_date,
        appointments.appointment_status,
        appointments.appointment_date <= {{ as_of_date() }} as is_appointment_past,
        confirmed_appointments.appointment_id is not null as is_appointment_confirmed,
        appointments.appointment_status = 'complete' as is_appointment_kept,
        coalesce(appointments.broken_appointment_type = 'no_show', false) as is_appointment_no_show,
        coalesce(appointments.broken_appointment_type = 'cancelled', false) as is_appointment_cancelled
    from messages
    left join appointments
        on messages.appointment_id = appointments.appointment_id
    left join confirmed_appointments
        on messages.appointment_id = confirmed_appointments.appointment_id
    left join texts_sent
        on messages.channel = 'text'
        and messages.message_id = texts_sent.text_sent_id
    left join emails
        on messages.channel in ('email', 'secure_email')
        and messages.message_id = emails.email_message_id
)

select * from final
