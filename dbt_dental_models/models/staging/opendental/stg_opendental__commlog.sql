with source as (
    select * from {{ source('opendental', 'commlog') }}
),

renamed as (
    select
        -- ids
        commlognum as communication_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('commtype') }} as communication_type_definition_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('programnum') }} as program_id,
        {{ od_key('referralnum') }} as referral_id,

        -- dates
        {{ od_timestamp('commdatetime') }} as communication_at,
        {{ od_timestamp('datetimeend') }} as ended_at,

        -- attributes
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,

        -- flags
        {{ od_bool('sigistopaz') }} as is_topaz_signature,

        -- codes
        mode_ as mode_code,
        {{ od_enum_label('commlog', 'Mode_', 'mode_') }} as mode,
        sentorreceived as direction_code,
        {{ od_enum_label('commlog', 'SentOrReceived', 'sentorreceived') }} as direction,
        commsource as communication_source_code,
        {{ od_enum_label('commlog', 'CommSource', 'commsource') }} as communication_source,
        commreferralbehavior as referral_display_code,
        {{ od_enum_label('commlog', 'CommReferralBehavior', 'commreferralbehavior') }} as referral_display,

        -- metadata
        {{ od_timestamp('datetentry') }} as created_at,
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
