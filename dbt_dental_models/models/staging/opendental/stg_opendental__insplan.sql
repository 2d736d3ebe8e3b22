with source as (
    select * from {{ source('opendental', 'insplan') }}
),

renamed as (
    select
        -- ids
        plannum as insurance_plan_id,
        {{ od_key('feesched') }} as fee_sched_fee_schedule_id,
        {{ od_key('claimformnum') }} as claim_form_claimform_id,
        {{ od_key('copayfeesched') }} as copay_fee_sched_fee_schedule_id,
        {{ od_key('employernum') }} as employer_id,
        {{ od_key('carriernum') }} as carrier_id,
        {{ od_key('allowedfeesched') }} as allowed_fee_sched_fee_schedule_id,
        {{ od_key('filingcode') }} as filing_code_insfilingcode_id,
        {{ od_key('filingcodesubtype') }} as filing_code_subtype_insfilingcodesubtype_id,
        {{ od_key('billingtype') }} as billing_type_definition_id,
        {{ od_key('manualfeeschednum') }} as manual_fee_sched_fee_schedule_id,

        -- amounts
        {{ od_money('orthoautofeebilled') }} as ortho_auto_fee_billed_amount,
        {{ od_money('pervisitpatamount') }} as per_visit_patient_amount,
        {{ od_money('pervisitinsamount') }} as per_visit_insurance_amount,

        -- attributes
        {{ od_text('groupname') }} as group_name,
        {{ od_text('groupnum') }} as group_num,
        {{ od_text('plannote') }} as plan_note,
        {{ od_text('plantype') }} as plan_type,
        {{ od_text('trojanid') }} as trojan_id,
        {{ od_text('divisionno') }} as division_no,
        dentaidecardsequence as dentaide_card_sequence,
        monthrenew as month_renew,
        {{ od_text('canadianplanflag') }} as canadian_plan_flag,
        {{ od_text('canadiandiagnosticcode') }} as canadian_diagnostic_code,
        {{ od_text('canadianinstitutioncode') }} as canadian_institution_code,
        {{ od_text('rxbin') }} as rx_bin,
        {{ od_text('sopcode') }} as sop_code,
        orthoautoproccodenumoverride as ortho_auto_procedure_code_num_override,
        orthoautoclaimdayswait as ortho_auto_claim_days_wait,

        -- flags
        {{ od_bool('usealtcode') }} as is_use_alt_code,
        {{ od_bool('claimsuseucr') }} as is_claims_use_ucr,
        {{ od_bool('ismedical') }} as is_medical,
        {{ od_bool('showbaseunits') }} as is_show_base_units,
        {{ od_bool('codesubstnone') }} as is_code_subst_none,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('hidefromverifylist') }} as is_hide_from_verify_list,
        {{ od_bool('haspposubstwriteoffs') }} as has_ppo_subst_writeoffs,
        {{ od_bool('isbluebookenabled') }} as is_blue_book_enabled,

        -- codes
        cobrule as cob_rule_code,
        {{ od_enum_label('insplan', 'CobRule', 'cobrule') }} as cob_rule,
        orthotype as ortho_type_code,
        {{ od_enum_label('insplan', 'OrthoType', 'orthotype') }} as ortho_type,
        orthoautoprocfreq as ortho_auto_procedure_freq_code,
        {{ od_enum_label('insplan', 'OrthoAutoProcFreq', 'orthoautoprocfreq') }} as ortho_auto_procedure_freq,
        exclusionfeerule as exclusion_fee_rule_code,
        {{ od_enum_label('insplan', 'ExclusionFeeRule', 'exclusionfeerule') }} as exclusion_fee_rule,
        insplanszerowriteoffsonannualmaxoverride as insurance_plans_zero_write_offs_on_annual_max_override_code,
        {{ od_enum_label('insplan', 'InsPlansZeroWriteOffsOnAnnualMaxOverride', 'insplanszerowriteoffsonannualmaxoverride') }} as insurance_plans_zero_write_offs_on_annual_max_override,
        insplanszerowriteoffsonfreqoragingoverride as insurance_plans_zero_write_offs_on_freq_or_aging_override_code,
        {{ od_enum_label('insplan', 'InsPlansZeroWriteOffsOnFreqOrAgingOverride', 'insplanszerowriteoffsonfreqoragingoverride') }} as insurance_plans_zero_write_offs_on_freq_or_aging_override,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
