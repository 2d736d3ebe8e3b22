with source as (
    select * from {{ source('opendental', 'paysplit') }}
),

renamed as (
    select
        -- ids
        splitnum as payment_split_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('paynum') }} as payment_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('payplannum') }} as payment_plan_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('unearnedtype') }} as unearned_type_definition_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('adjnum') }} as adjustment_id,
        {{ od_key('payplanchargenum') }} as payment_plan_charge_id,
        {{ od_key('fsplitnum') }} as legacy_linked_split_id,

        -- dates
        {{ od_date('datepay') }} as payment_date,
        {{ od_date('dateentry') }} as entry_date,
        {{ od_date('procdate') }} as legacy_account_date,

        -- amounts
        {{ od_money('splitamt') }} as split_amount,

        -- attributes
        discounttype as legacy_discount_type,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('isdiscount') }} as is_discount,

        -- codes
        payplandebittype as payment_plan_debit_type_code,
        {{ od_enum_label('paysplit', 'PayPlanDebitType', 'payplandebittype') }} as payment_plan_debit_type,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
