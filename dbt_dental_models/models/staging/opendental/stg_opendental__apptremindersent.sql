with source as (
    select * from {{ source('opendental', 'apptremindersent') }}
),

renamed as (
    select
        -- ids
        apptremindersentnum as reminder_sent_id,
        {{ od_key('apptnum') }} as appointment_id,
        {{ od_key('apptreminderrulenum') }} as reminder_rule_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('clinicnum') }} as clinic_id,
        -- The message itself: a text (smstomobile) or an email (emailmessage), by channel.
        {{ od_key('messagefk') }} as message_id,

        -- dates
        {{ od_timestamp('apptdatetime') }} as appointment_at,
        {{ od_timestamp('datetimesent') }} as sent_at,

        -- attributes
        -- A .NET TimeSpan in 100-nanosecond ticks: the rule's lead time when this was sent.
        tsprior as lead_time_ticks,
        {{ od_text('responsedescript') }} as response_description,

        -- codes
        sendstatus as send_status_code,
        {{ od_enum_label('apptremindersent', 'SendStatus', 'sendstatus') }} as send_status,
        messagetype as channel_code,
        {{ od_enum_label('apptremindersent', 'MessageType', 'messagetype') }} as channel,

        -- metadata
        {{ od_timestamp('datetimeentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
