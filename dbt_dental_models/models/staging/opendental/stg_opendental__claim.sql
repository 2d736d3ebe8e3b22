with source as (
    select * from {{ source('opendental', 'claim') }}
),

renamed as (
    select
        -- ids
        claimnum as claim_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('provtreat') }} as provider_treat_provider_id,
        {{ od_key('provbill') }} as provider_bill_provider_id,
        {{ od_key('referringprov') }} as referring_provider_referral_id,
        {{ od_key('plannum2') }} as plan_num2_insurance_plan_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('claimform') }} as claim_form_claimform_id,
        {{ od_key('inssubnum') }} as insurance_subscriber_id,
        {{ od_key('inssubnum2') }} as insurance_sub_num2_insurance_subscriber_id,
        {{ od_key('customtracking') }} as custom_tracking_definition_id,
        {{ od_key('provorderoverride') }} as provider_order_override_provider_id,
        {{ od_key('orderingreferralnum') }} as ordering_referral_referral_id,

        -- dates
        {{ od_date('dateservice') }} as service_date,
        {{ od_date('datesent') }} as sent_date,
        {{ od_date('datereceived') }} as received_date,
        {{ od_date('priordate') }} as prior_date,
        {{ od_date('accidentdate') }} as accident_date,
        {{ od_date('orthodate') }} as ortho_date,
        {{ od_date('canadiandateinitiallower') }} as canadian_date_initial_lower_date,
        {{ od_date('canadiandateinitialupper') }} as canadian_date_initial_upper_date,
        {{ od_date('canadaesttreatstartdate') }} as canada_est_treat_start_date,
        {{ od_date('dateresent') }} as resent_date,
        {{ od_date('datesentorig') }} as sent_orig_date,
        {{ od_date('dateillnessinjurypreg') }} as illness_injury_preg_date,
        {{ od_date('dateother') }} as other_date,

        -- amounts
        {{ od_money('claimfee') }} as claim_fee_amount,
        {{ od_money('inspayest') }} as insurance_pay_est_amount,
        {{ od_money('inspayamt') }} as insurance_pay_amt_amount,
        {{ od_money('dedapplied') }} as ded_applied_amount,
        {{ od_money('writeoff') }} as write_off_amount,
        {{ od_money('canadainitialpayment') }} as canada_initial_payment_amount,
        {{ od_money('canadaanticipatedpayamount') }} as canada_anticipated_pay_amount,
        {{ od_money('shareofcost') }} as share_of_cost_amount,

        -- attributes
        {{ od_text('claimstatus') }} as claim_status,
        {{ od_text('preauthstring') }} as pre_auth_string,
        {{ od_text('isprosthesis') }} as is_prosthesis,
        {{ od_text('reasonunderpaid') }} as reason_under_paid,
        {{ od_text('claimnote') }} as claim_note,
        {{ od_text('claimtype') }} as claim_type,
        {{ od_text('refnumstring') }} as ref_num_string,
        {{ od_text('accidentrelated') }} as accident_related,
        {{ od_text('accidentst') }} as accident_st,
        orthoremainm as ortho_remain_m,
        radiographs,
        attachedimages as attached_images,
        attachedmodels as attached_models,
        {{ od_text('attachedflags') }} as attached_flags,
        {{ od_text('attachmentid') }} as attachment_id,
        {{ od_text('canadianmaterialsforwarded') }} as canadian_materials_forwarded,
        {{ od_text('canadianreferralprovidernum') }} as canadian_referral_provider_num,
        canadianreferralreason as canadian_referral_reason,
        {{ od_text('canadianisinitiallower') }} as canadian_is_initial_lower,
        canadianmandprosthmaterial as canadian_mand_prosth_material,
        {{ od_text('canadianisinitialupper') }} as canadian_is_initial_upper,
        canadianmaxprosthmaterial as canadian_max_prosth_material,
        {{ od_text('canadatransrefnum') }} as canada_trans_ref_num,
        canadapaymentmode as canada_payment_mode,
        canadatreatduration as canada_treat_duration,
        canadanumanticipatedpayments as canada_num_anticipated_payments,
        {{ od_text('priorauthorizationnumber') }} as prior_authorization_number,
        {{ od_text('uniformbilltype') }} as uniform_bill_type,
        {{ od_text('admissiontypecode') }} as admission_type_code,
        {{ od_text('admissionsourcecode') }} as admission_source_code,
        {{ od_text('patientstatuscode') }} as patient_status_code,
        {{ od_text('claimidentifier') }} as claim_identifier,
        {{ od_text('origrefnum') }} as orig_ref_num,
        orthototalm as ortho_total_m,
        {{ od_text('securityhash') }} as security_hash,
        {{ od_text('narrative') }} as narrative,

        -- flags
        {{ od_bool('isortho') }} as is_ortho,
        {{ od_bool('isoutsidelab') }} as is_outside_lab,

        -- codes
        placeservice as place_service_code,
        {{ od_enum_label('claim', 'PlaceService', 'placeservice') }} as place_service,
        employrelated as employ_related_code,
        {{ od_enum_label('claim', 'EmployRelated', 'employrelated') }} as employ_related,
        patrelat as patient_relat_code,
        {{ od_enum_label('claim', 'PatRelat', 'patrelat') }} as patient_relat,
        patrelat2 as patient_relat2_code,
        {{ od_enum_label('claim', 'PatRelat2', 'patrelat2') }} as patient_relat2,
        specialprogramcode as special_program_code_code,
        {{ od_enum_label('claim', 'SpecialProgramCode', 'specialprogramcode') }} as special_program_code,
        medtype as med_type_code,
        {{ od_enum_label('claim', 'MedType', 'medtype') }} as med_type,
        correctiontype as correction_type_code,
        {{ od_enum_label('claim', 'CorrectionType', 'correctiontype') }} as correction_type,
        dateillnessinjurypregqualifier as date_illness_injury_preg_qualifier_code,
        {{ od_enum_label('claim', 'DateIllnessInjuryPregQualifier', 'dateillnessinjurypregqualifier') }} as date_illness_injury_preg_qualifier,
        dateotherqualifier as date_other_qualifier_code,
        {{ od_enum_label('claim', 'DateOtherQualifier', 'dateotherqualifier') }} as date_other_qualifier,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
