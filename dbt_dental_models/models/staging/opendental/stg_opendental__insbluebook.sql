with source as (
    select * from {{ source('opendental', 'insbluebook') }}
),

renamed as (
    select
        -- ids
        insbluebooknum as insurance_blue_book_id,
        {{ od_key('proccodenum') }} as procedure_code_procedure_code_id,
        {{ od_key('carriernum') }} as carrier_insurance_plan_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('claimnum') }} as claim_id,

        -- dates
        {{ od_timestamp('datetentry') }} as entry_at,
        {{ od_date('procdate') }} as procedure_date,

        -- amounts
        {{ od_money('inspayamt') }} as insurance_pay_amt_amount,
        {{ od_money('allowedoverride') }} as allowed_override_amount,

        -- attributes
        {{ od_text('groupnum') }} as group_num,
        {{ od_text('claimtype') }} as claim_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
