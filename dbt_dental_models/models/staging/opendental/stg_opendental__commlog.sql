with source as (
    select * from {{ source('opendental', 'commlog') }}
),

renamed as (
    select
        -- ids
        commlognum as communication_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('commtype') }} as comm_type_definition_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('programnum') }} as program_id,
        {{ od_key('referralnum') }} as referral_id,

        -- dates
        {{ od_timestamp('commdatetime') }} as comm_date_time_at,
        {{ od_timestamp('datetimeend') }} as end_at,
        {{ od_timestamp('datetentry') }} as entry_at,

        -- attributes
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,

        -- flags
        {{ od_bool('sigistopaz') }} as is_sig_is_topaz,

        -- codes
        mode_ as mode_code,
        {{ od_enum_label('commlog', 'Mode_', 'mode_') }} as mode,
        sentorreceived as sent_or_received_code,
        {{ od_enum_label('commlog', 'SentOrReceived', 'sentorreceived') }} as sent_or_received,
        commsource as comm_source_code,
        {{ od_enum_label('commlog', 'CommSource', 'commsource') }} as comm_source,
        commreferralbehavior as comm_referral_behavior_code,
        {{ od_enum_label('commlog', 'CommReferralBehavior', 'commreferralbehavior') }} as comm_referral_behavior,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
