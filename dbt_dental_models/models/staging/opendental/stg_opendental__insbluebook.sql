with source as (
    select * from {{ source('opendental', 'insbluebook') }}
),

renamed as (
    select
        -- ids
        insbluebooknum as insurance_blue_book_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('proccodenum') }} as procedure_code_id,
        {{ od_key('claimnum') }} as claim_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('carriernum') }} as carrier_id,

        -- dates
        {{ od_date('procdate') }} as procedure_date,

        -- amounts
        {{ od_money('inspayamt') }} as insurance_paid_amount,
        {{ od_money('allowedoverride') }} as allowed_fee_override,

        -- attributes
        {{ od_text('groupnum') }} as group_number,

        -- codes
        {{ od_text('claimtype') }} as claim_type_code,
        {{ od_claim_type_label('claimtype') }} as claim_type,

        -- metadata
        {{ od_timestamp('datetentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
