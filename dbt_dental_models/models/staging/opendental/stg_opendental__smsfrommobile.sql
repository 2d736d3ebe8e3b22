with source as (
    select * from {{ source('opendental', 'smsfrommobile') }}
),

renamed as (
    -- Phone numbers and the text stay in raw: the warehouse counts messages and reads their
    -- status, never their words (the text is redacted on extract).
    select
        -- ids
        smsfrommobilenum as text_received_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('commlognum') }} as communication_id,
        {{ od_text('guidmessage') }} as message_guid,

        -- dates
        {{ od_timestamp('datetimereceived') }} as received_at,

        -- attributes
        msgpart as message_part,
        msgtotal as message_parts,
        matchcount as matched_patient_count,
        {{ od_text('flags') }} as flags,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        smsstatus as read_status_code,
        {{ od_enum_label('smsfrommobile', 'SmsStatus', 'smsstatus') }} as read_status,

        -- metadata
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
