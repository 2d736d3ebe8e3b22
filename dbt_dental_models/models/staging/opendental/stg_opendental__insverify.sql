with source as (
    select * from {{ source('opendental', 'insverify') }}
),

renamed as (
    select
        -- ids
        insverifynum as insurance_verification_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('defnum') }} as definition_id,

        -- dates
        {{ od_date('datelastverified') }} as last_verified_date,
        {{ od_date('datelastassigned') }} as last_assigned_date,
        {{ od_timestamp('datetimeentry') }} as entry_at,

        -- amounts
        {{ od_money('hoursavailableforverification') }} as hours_available_for_verification_amount,

        -- attributes
        fkey as f_key,
        {{ od_text('note') }} as note,

        -- codes
        verifytype as verify_type_code,
        {{ od_enum_label('insverify', 'VerifyType', 'verifytype') }} as verify_type,

        -- metadata
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
