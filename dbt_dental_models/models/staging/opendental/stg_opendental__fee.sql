with source as (
    select * from {{ source('opendental', 'fee') }}
),

renamed as (
    select
        -- ids
        feenum as fee_id,
        {{ od_key('feesched') }} as fee_schedule_id,
        {{ od_key('codenum') }} as procedure_code_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('provnum') }} as provider_id,

        -- amounts
        {{ od_money('amount') }} as fee_amount,

        -- attributes
        {{ od_text('oldcode') }} as old_code,

        -- flags
        {{ od_bool('usedefaultfee') }} as is_default_fee_used,
        {{ od_bool('usedefaultcov') }} as is_default_coverage_used,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
