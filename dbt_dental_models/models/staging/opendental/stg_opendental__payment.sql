with source as (
    select * from {{ source('opendental', 'payment') }}
),

renamed as (
    select
        -- ids
        paynum as payment_id,
        {{ od_key('paytype') }} as payment_type_definition_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('depositnum') }} as deposit_id,

        -- dates
        {{ od_date('paydate') }} as payment_date,
        {{ od_date('dateentry') }} as entry_date,
        {{ od_date('recurringchargedate') }} as recurring_charge_date,

        -- amounts
        {{ od_money('payamt') }} as payment_amount,
        {{ od_money('merchantfee') }} as merchant_fee_amount,

        -- attributes
        {{ od_text('checknum') }} as check_number,
        {{ od_text('bankbranch') }} as bank_branch,
        {{ od_text('paynote') }} as payment_note,
        {{ od_text('receipt') }} as receipt_text,
        {{ od_text('externalid') }} as external_id,

        -- flags
        {{ od_bool('issplit') }} as is_split,
        {{ od_bool('isrecurringcc') }} as is_recurring_card_charge,
        {{ od_bool('iscccompleted') }} as is_card_transaction_completed,

        -- codes
        paymentsource as payment_source_code,
        {{ od_enum_label('payment', 'PaymentSource', 'paymentsource') }} as payment_source,
        processstatus as process_status_code,
        {{ od_enum_label('payment', 'ProcessStatus', 'processstatus') }} as process_status,
        paymentstatus as payment_status_code,
        {{ od_enum_label('payment', 'PaymentStatus', 'paymentstatus') }} as payment_status,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
