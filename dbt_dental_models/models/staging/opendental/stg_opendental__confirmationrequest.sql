with source as (
    select * from {{ source('opendental', 'confirmationrequest') }}
),

renamed as (
    select
        -- ids
        confirmationrequestnum as confirmation_request_id,
        {{ od_key('apptnum') }} as appointment_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('apptreminderrulenum') }} as reminder_rule_id,
        -- The text (smstomobile) or email (emailmessage) that carried it, by `channel`.
        {{ od_key('messagefk') }} as message_id,
        {{ od_text('guidmessagefrommobile') }} as reply_message_guid,

        -- dates
        {{ od_timestamp('datetimeentry') }} as created_at,
        {{ od_timestamp('datetimesent') }} as sent_at,
        {{ od_timestamp('datetimeconfirmtransmit') }} as transmitted_at,
        {{ od_timestamp('datetimersvp') }} as responded_at,
        {{ od_timestamp('datetimeconfirmexpire') }} as expires_at,
        {{ od_timestamp('apptdatetime') }} as appointment_at,

        -- attributes
        -- A .NET TimeSpan in 100-nanosecond ticks: the rule's lead time when this was sent.
        tsprior as lead_time_ticks,
        {{ od_text('responsedescript') }} as response_description,

        -- flags
        {{ od_bool('donotresend') }} as is_do_not_resend,

        -- codes
        rsvpstatus as rsvp_status_code,
        {{ od_enum_label('confirmationrequest', 'RSVPStatus', 'rsvpstatus') }} as rsvp_status,
        sendstatus as send_status_code,
        {{ od_enum_label('confirmationrequest', 'SendStatus', 'sendstatus') }} as send_status,
        messagetype as channel_code,
        {{ od_enum_label('confirmationrequest', 'MessageType', 'messagetype') }} as channel,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
