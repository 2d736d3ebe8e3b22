with source as (
    select * from {{ source('opendental', 'claimpayment') }}
),

renamed as (
    select
        -- ids
        claimpaymentnum as claim_payment_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('paytype') }} as payment_type_definition_id,
        {{ od_key('paygroup') }} as payment_group_definition_id,
        {{ od_key('depositnum') }} as deposit_id,

        -- dates
        {{ od_date('checkdate') }} as check_date,
        {{ od_date('dateissued') }} as issued_date,

        -- amounts
        {{ od_money('checkamt') }} as check_amount,

        -- attributes
        {{ od_text('checknum') }} as check_number,
        {{ od_text('bankbranch') }} as bank_branch,
        {{ od_text('carriername') }} as carrier_name,
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('ispartial') }} as is_partial,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
