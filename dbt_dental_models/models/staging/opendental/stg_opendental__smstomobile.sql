with source as (
    select * from {{ source('opendental', 'smstomobile') }}
),

renamed as (
    -- Phone numbers and the text stay in raw: the warehouse counts messages and reads their
    -- status, never their words (the text is redacted on extract).
    select
        -- ids
        smstomobilenum as text_sent_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_text('guidmessage') }} as message_guid,
        {{ od_text('guidbatch') }} as batch_guid,

        -- dates
        {{ od_timestamp('datetimesent') }} as sent_at,
        {{ od_timestamp('datetimeterminated') }} as delivery_ended_at,

        -- amounts
        msgparts as message_parts,
        cast(msgchargeusd as decimal(15, 4)) as charge_usd,
        cast(msgdiscountusd as decimal(15, 4)) as discount_usd,

        -- attributes
        {{ od_text('custerrortext') }} as error_text,

        -- flags
        {{ od_bool('istimesensitive') }} as is_time_sensitive,
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        msgtype as message_source_code,
        {{ od_enum_label('smstomobile', 'MsgType', 'msgtype') }} as message_source,
        smsstatus as delivery_status_code,
        {{ od_enum_label('smstomobile', 'SmsStatus', 'smsstatus') }} as delivery_status,

        -- metadata
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
