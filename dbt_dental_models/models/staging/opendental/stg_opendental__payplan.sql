with source as (
    select * from {{ source('opendental', 'payplan') }}
),

renamed as (
    select
        -- ids
        payplannum as payment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('guarantor') }} as guarantor_patient_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('plancategory') }} as plan_category_definition_id,

        -- dates
        {{ od_date('payplandate') }} as pay_plan_date,
        {{ od_date('datepayplanstart') }} as pay_plan_start_date,
        {{ od_date('dateintereststart') }} as interest_start_date,

        -- amounts
        {{ od_money('apr') }} as apr_amount,
        {{ od_money('completedamt') }} as completed_amt_amount,
        {{ od_money('payamt') }} as pay_amt_amount,
        {{ od_money('downpayment') }} as down_payment_amount,

        -- attributes
        {{ od_text('note') }} as note,
        numberofpayments as number_of_payments,
        {{ od_text('signature') }} as signature,
        mobileappdevicenum as mobile_app_device_num,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('isclosed') }} as is_closed,
        {{ od_bool('sigistopaz') }} as is_sig_is_topaz,
        {{ od_bool('isdynamic') }} as is_dynamic,
        {{ od_bool('islocked') }} as is_locked,

        -- codes
        payschedule as pay_schedule_code,
        {{ od_enum_label('payplan', 'PaySchedule', 'payschedule') }} as pay_schedule,
        chargefrequency as charge_frequency_code,
        {{ od_enum_label('payplan', 'ChargeFrequency', 'chargefrequency') }} as charge_frequency,
        dynamicpayplantpoption as dynamic_pay_plan_tp_option_code,
        {{ od_enum_label('payplan', 'DynamicPayPlanTPOption', 'dynamicpayplantpoption') }} as dynamic_pay_plan_tp_option,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
