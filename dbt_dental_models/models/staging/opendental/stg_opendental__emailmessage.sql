with source as (
    select * from {{ source('opendental', 'emailmessage') }}
),

renamed as (
    -- Addresses, subject and body stay in raw: the warehouse counts messages and reads their
    -- status, never their words (the body is redacted on extract).
    select
        -- ids
        emailmessagenum as email_message_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('patnumsubj') }} as subject_patient_id,
        {{ od_key('aptnum') }} as appointment_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('provnumwebmail') }} as web_mail_provider_id,

        -- dates
        {{ od_timestamp('msgdatetime') }} as message_at,

        -- attributes
        {{ od_text('failreason') }} as failure_reason,

        -- codes
        sentorreceived as sent_or_received_code,
        {{ od_enum_label('emailmessage', 'SentOrReceived', 'sentorreceived') }} as sent_or_received,
        {{ od_text('msgtype') }} as message_source,
        htmltype as html_type_code,
        {{ od_enum_label('emailmessage', 'HtmlType', 'htmltype') }} as html_type,
        hidein as hide_in_flags,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
