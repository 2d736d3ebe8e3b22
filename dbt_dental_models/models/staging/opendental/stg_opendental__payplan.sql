with source as (
    select * from {{ source('opendental', 'payplan') }}
),

renamed as (
    select
        -- ids
        payplannum as payment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('guarantor') }} as guarantor_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('plancategory') }} as category_definition_id,
        {{ od_key('mobileappdevicenum') }} as mobile_app_device_id,

        -- dates
        {{ od_date('payplandate') }} as plan_date,
        {{ od_date('datepayplanstart') }} as first_charge_date,
        {{ od_date('dateintereststart') }} as interest_start_date,

        -- amounts
        {{ od_money('completedamt') }} as completed_amount,
        {{ od_money('payamt') }} as periodic_payment_amount,
        {{ od_money('downpayment') }} as down_payment_amount,
        cast(apr as {{ type_double() }}) as annual_percentage_rate,

        -- attributes
        {{ od_text('note') }} as note,
        numberofpayments as number_of_payments,
        {{ od_text('signature') }} as signature,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('isclosed') }} as is_closed,
        {{ od_bool('sigistopaz') }} as is_signature_topaz,
        {{ od_bool('isdynamic') }} as is_dynamic,
        {{ od_bool('islocked') }} as is_locked,

        -- codes
        payschedule as payment_schedule_code,
        {{ od_enum_label('payplan', 'PaySchedule', 'payschedule') }} as payment_schedule,
        chargefrequency as charge_frequency_code,
        {{ od_enum_label('payplan', 'ChargeFrequency', 'chargefrequency') }} as charge_frequency,
        dynamicpayplantpoption as treatment_planned_handling_code,
        {{ od_enum_label('payplan', 'DynamicPayPlanTPOption', 'dynamicpayplantpoption') }} as treatment_planned_handling,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
