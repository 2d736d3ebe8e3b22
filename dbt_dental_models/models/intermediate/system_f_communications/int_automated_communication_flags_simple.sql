with patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

communications as (
    select * from {{ ref('int_patient_communications_base') }}
),

reminders_sent as (
    select * from {{ ref('stg_opendental__apptremindersent') }}
),

-- Automated messages that went out to the patient, as the commlog records them.
automated_messages as (
    select
        patient_id,
        count(*) as automated_message_count,
        max(communication_at) as last_automated_message_at
    from communications
    where communication_origin = 'automated_message'
      and direction = 'sent'
    group by patient_id
),

delivered_reminders as (
    select
        patient_id,
        count(*) as reminders_delivered_count,
        max(sent_at) as last_reminder_sent_at
    from reminders_sent
    where send_status in ('send_successful', 'sent_awaiting_receipt')
    group by patient_id
),

-- How the automation can reach the patient. Texts need a cell phone and consent; OpenDental
-- treats an unknown consent as allowed unless the practice says otherwise, and only `no` is an
-- opt-out.
channels as (
    select
        patient_id,
        guarantor_id,
        preferred_confirmation_method,
        preferred_contact_method,
        text_message_consent,
        mobile_phone is not null as has_mobile_phone,
        email is not null as has_email,
        coalesce(text_message_consent = 'no', false) as is_text_opted_out,
        mobile_phone is not null and coalesce(text_message_consent <> 'no', true) as can_receive_texts,
        email is not null as can_receive_email
    from patients
),

final as (
    select
        -- ids
        channels.patient_id,
        channels.guarantor_id,

        -- dates
        automated_messages.last_automated_message_at,
        cast(automated_messages.last_automated_message_at as date) as last_automated_message_date,
        delivered_reminders.last_reminder_sent_at,

        -- amounts
        coalesce(automated_messages.automated_message_count, 0) as automated_message_count,
        coalesce(delivered_reminders.reminders_delivered_count, 0) as reminders_delivered_count,

        -- flags
        channels.has_mobile_phone,
        channels.has_email,
        channels.can_receive_texts,
        channels.can_receive_email,
        channels.can_receive_texts or channels.can_receive_email as is_reachable_automatically,
        channels.is_text_opted_out,
        channels.preferred_confirmation_method = 'text_message'
            or channels.preferred_contact_method = 'text_message' as prefers_text,
        channels.preferred_confirmation_method = 'email'
            or channels.preferred_contact_method = 'email' as prefers_email,
        automated_messages.patient_id is not null as has_received_automated_message,

        -- codes
        channels.text_message_consent,
        channels.preferred_confirmation_method,
        channels.preferred_contact_method,
        case
            when automated_messages.patient_id is not null then 'reached'
            when channels.can_receive_texts or channels.can_receive_email then 'reachable'
            when channels.is_text_opted_out and channels.has_mobile_phone then 'opted_out'
            else 'no_channel'
        end as automation_status
    from channels
    left join automated_messages
        on channels.patient_id = automated_messages.patient_id
    left join delivered_reminders
        on channels.patient_id = delivered_reminders.patient_id
)

select * from final
