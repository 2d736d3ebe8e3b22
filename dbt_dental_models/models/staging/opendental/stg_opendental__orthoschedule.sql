with source as (
    select * from {{ source('opendental', 'orthoschedule') }}
),

renamed as (
    select
        -- ids
        orthoschedulenum as ortho_schedule_id,

        -- dates
        {{ od_date('bandingdateoverride') }} as banding_override_date,
        {{ od_date('debonddateoverride') }} as debond_override_date,

        -- amounts
        {{ od_money('bandingamount') }} as banding_amount,
        {{ od_money('visitamount') }} as visit_amount,
        {{ od_money('debondamount') }} as debond_amount,

        -- flags
        {{ od_bool('isactive') }} as is_active,

        -- metadata
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
