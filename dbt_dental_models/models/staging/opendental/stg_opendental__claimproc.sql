with source as (
    select * from {{ source('opendental', 'claimproc') }}
),

renamed as (
    select
        -- ids
        claimprocnum as claim_procedure_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('claimnum') }} as claim_id,
        {{ od_key('claimpaymentnum') }} as claim_payment_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('payplannum') }} as payment_plan_id,
        {{ od_key('claimpaymenttracking') }} as payment_tracking_definition_id,

        -- dates
        {{ od_date('procdate') }} as procedure_date,
        {{ od_date('datecp') }} as payment_date,
        {{ od_date('dateentry') }} as received_date,
        {{ od_date('datesuppreceived') }} as first_received_date,
        {{ od_date('dateinsfinalized') }} as insurance_finalized_date,

        -- amounts
        {{ od_money('feebilled') }} as billed_fee,
        {{ od_money('inspayamt') }} as insurance_paid_amount,
        {{ od_money('writeoff') }} as write_off_amount,
        {{ od_money('dedapplied') }} as deductible_applied_amount,
        {{ od_money('inspayest') }} as insurance_estimate_amount,
        {{ od_money('baseest') }} as base_estimate_amount,
        {{ od_money('insesttotal') }} as insurance_estimate_total_amount,
        {{ od_money('insesttotaloverride') }} as insurance_estimate_total_override_amount,
        {{ od_money('dedest') }} as deductible_estimate_amount,
        {{ od_money('dedestoverride') }} as deductible_estimate_override_amount,
        {{ od_money('writeoffest') }} as write_off_estimate_amount,
        {{ od_money('writeoffestoverride') }} as write_off_estimate_override_amount,
        {{ od_money('allowedoverride') }} as allowed_fee_override,
        {{ od_money('copayamt') }} as copay_amount,
        {{ od_money('copayoverride') }} as copay_override_amount,
        {{ od_money('paidotherins') }} as paid_by_other_insurance_amount,
        {{ od_money('paidotherinsoverride') }} as paid_by_other_insurance_override_amount,

        -- attributes
        percentage as coverage_percent,
        percentoverride as coverage_percent_override,
        {{ od_text('codesent') }} as procedure_code_sent,
        linenumber as claim_line_number,
        paymentrow as payment_row,
        {{ od_text('remarks') }} as remarks,
        {{ od_text('estimatenote') }} as estimate_note,
        {{ od_text('claimadjreasoncodes') }} as claim_adjustment_reason_codes,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('nobillins') }} as is_not_billed_to_insurance,
        {{ od_bool('istransfer') }} as is_transfer,
        {{ od_bool('isoverpay') }} as is_payment_correction,

        -- codes
        status as claim_procedure_status_code,
        {{ od_enum_label('claimproc', 'Status', 'status') }} as claim_procedure_status,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
