with source as (
    select * from {{ source('opendental', 'insplan') }}
),

renamed as (
    select
        -- ids
        plannum as insurance_plan_id,
        {{ od_key('carriernum') }} as carrier_id,
        {{ od_key('employernum') }} as employer_id,
        {{ od_key('feesched') }} as fee_schedule_id,
        {{ od_key('copayfeesched') }} as copay_fee_schedule_id,
        {{ od_key('allowedfeesched') }} as allowed_fee_schedule_id,
        {{ od_key('manualfeeschednum') }} as manual_blue_book_fee_schedule_id,
        {{ od_key('billingtype') }} as billing_type_definition_id,
        {{ od_key('orthoautoproccodenumoverride') }} as ortho_auto_procedure_code_id,
        {{ od_key('claimformnum') }} as claim_form_id,
        {{ od_key('filingcode') }} as insurance_filing_code_id,
        {{ od_key('filingcodesubtype') }} as insurance_filing_code_subtype_id,

        -- amounts
        {{ od_money('orthoautofeebilled') }} as ortho_auto_billed_fee,
        {{ od_money('pervisitpatamount') }} as per_visit_patient_amount,
        {{ od_money('pervisitinsamount') }} as per_visit_insurance_amount,

        -- attributes
        {{ od_text('groupname') }} as group_name,
        {{ od_text('groupnum') }} as group_number,
        {{ od_text('plannote') }} as plan_note,
        monthrenew as renewal_month,
        orthoautoclaimdayswait as ortho_auto_claim_wait_days,
        {{ od_text('trojanid') }} as trojan_id,
        {{ od_text('sopcode') }} as source_of_payment_code,
        {{ od_text('rxbin') }} as rx_bin,
        {{ od_text('divisionno') }} as canadian_division_number,
        dentaidecardsequence as dentaide_card_sequence,
        {{ od_text('canadianplanflag') }} as canadian_plan_flag,
        {{ od_text('canadiandiagnosticcode') }} as canadian_diagnostic_code,
        {{ od_text('canadianinstitutioncode') }} as canadian_institution_code,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('ismedical') }} as is_medical,
        {{ od_bool('usealtcode') }} as is_alternate_code_billed,
        {{ od_bool('claimsuseucr') }} as is_ucr_fee_billed,
        {{ od_bool('showbaseunits') }} as is_base_units_shown,
        {{ od_bool('codesubstnone') }} as is_code_substitution_disabled,
        {{ od_bool('haspposubstwriteoffs') }} as has_ppo_substitution_write_offs,
        {{ od_bool('isbluebookenabled') }} as is_blue_book_enabled,
        {{ od_bool('hidefromverifylist') }} as is_hidden_from_verification_list,

        -- codes
        {{ od_text('plantype') }} as plan_type_code,
        {{ od_plan_type_label('plantype') }} as plan_type,
        cobrule as cob_rule_code,
        {{ od_enum_label('insplan', 'CobRule', 'cobrule') }} as cob_rule,
        orthotype as ortho_claim_type_code,
        {{ od_enum_label('insplan', 'OrthoType', 'orthotype') }} as ortho_claim_type,
        orthoautoprocfreq as ortho_auto_procedure_frequency_code,
        {{ od_enum_label('insplan', 'OrthoAutoProcFreq', 'orthoautoprocfreq') }} as ortho_auto_procedure_frequency,
        exclusionfeerule as exclusion_fee_rule_code,
        {{ od_enum_label('insplan', 'ExclusionFeeRule', 'exclusionfeerule') }} as exclusion_fee_rule,
        insplanszerowriteoffsonannualmaxoverride as zero_write_offs_on_annual_max_override_code,
        {{ od_enum_label('insplan', 'InsPlansZeroWriteOffsOnAnnualMaxOverride', 'insplanszerowriteoffsonannualmaxoverride') }} as zero_write_offs_on_annual_max_override,
        insplanszerowriteoffsonfreqoragingoverride as zero_write_offs_on_frequency_or_age_override_code,
        {{ od_enum_label('insplan', 'InsPlansZeroWriteOffsOnFreqOrAgingOverride', 'insplanszerowriteoffsonfreqoragingoverride') }} as zero_write_offs_on_frequency_or_age_override,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
