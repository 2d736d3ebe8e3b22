with source as (
    select * from {{ source('opendental', 'patient') }}
),

renamed as (
    select
        -- ids
        patnum as patient_id,
        {{ od_key('guarantor') }} as guarantor_patient_id,
        {{ od_key('priprov') }} as pri_provider_provider_id,
        {{ od_key('secprov') }} as sec_provider_provider_id,
        {{ od_key('feesched') }} as fee_sched_fee_schedule_id,
        {{ od_key('billingtype') }} as billing_type_definition_id,
        {{ od_key('employernum') }} as employer_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('sitenum') }} as site_site_id,
        {{ od_key('responsparty') }} as respons_party_patient_id,
        {{ od_key('superfamily') }} as super_family_patient_id,

        -- dates
        {{ od_date('birthdate') }} as birthdate,
        {{ od_date('datefirstvisit') }} as first_visit_date,
        {{ od_date('admitdate') }} as admit_date,
        {{ od_timestamp('datetimedeceased') }} as deceased_at,

        -- amounts
        {{ od_money('estbalance') }} as est_balance_amount,
        {{ od_money('bal_0_30') }} as bal_0_30_amount,
        {{ od_money('bal_31_60') }} as bal_31_60_amount,
        {{ od_money('bal_61_90') }} as bal_61_90_amount,
        {{ od_money('balover90') }} as bal_over90_amount,
        {{ od_money('insest') }} as insurance_est_amount,
        {{ od_money('baltotal') }} as bal_total_amount,
        {{ od_minutes('schedbeforetime') }} as sched_before_time_minutes,
        {{ od_minutes('schedaftertime') }} as sched_after_time_minutes,
        {{ od_money('payplandue') }} as pay_plan_due_amount,

        -- attributes
        {{ od_text('lname') }} as l_name,
        {{ od_text('fname') }} as f_name,
        {{ od_text('middlei') }} as middle_i,
        {{ od_text('preferred') }} as preferred,
        {{ od_text('ssn') }} as ssn,
        {{ od_text('address') }} as address,
        {{ od_text('address2') }} as address2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip,
        {{ od_text('hmphone') }} as home_phone,
        {{ od_text('wkphone') }} as work_phone,
        {{ od_text('wirelessphone') }} as wireless_phone,
        {{ od_text('credittype') }} as credit_type,
        {{ od_text('email') }} as email,
        {{ od_text('salutation') }} as salutation,
        {{ od_text('imagefolder') }} as image_folder,
        {{ od_text('addrnote') }} as addr_note,
        {{ od_text('famfinurgnote') }} as fam_fin_urg_note,
        {{ od_text('medurgnote') }} as med_urg_note,
        {{ od_text('apptmodnote') }} as appointment_mod_note,
        {{ od_text('studentstatus') }} as student_status,
        {{ od_text('schoolname') }} as school_name,
        {{ od_text('chartnumber') }} as chart_number,
        {{ od_text('medicaidid') }} as medicaid_id,
        {{ od_text('employmentnote') }} as employment_note,
        {{ od_text('county') }} as county,
        {{ od_text('hasins') }} as has_insurance,
        {{ od_text('trophyfolder') }} as trophy_folder,
        {{ od_text('ward') }} as ward,
        scheddayofweek as sched_day_of_week,
        {{ od_text('language') }} as language,
        {{ od_text('title') }} as title,
        canadianeligibilitycode as canadian_eligibility_code,
        asktoarriveearly as ask_to_arrive_early,
        {{ od_text('smokingsnomed') }} as smoking_sno_med,
        {{ od_text('country') }} as country,
        billingcycleday as billing_cycle_day,
        patnumclonefrom as patient_num_clone_from,
        discountplannum as discount_plan_num,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('plannedisdone') }} as is_planned_is_done,
        {{ od_bool('premed') }} as is_premed,
        {{ od_bool('hassuperbilling') }} as has_super_billing,
        {{ od_bool('hassignedtil') }} as has_signed_til,

        -- codes
        patstatus as patient_status_code,
        {{ od_enum_label('patient', 'PatStatus', 'patstatus') }} as patient_status,
        gender as gender_code,
        {{ od_enum_label('patient', 'Gender', 'gender') }} as gender,
        position as position_code,
        {{ od_enum_label('patient', 'Position', 'position') }} as position,
        gradelevel as grade_level_code,
        {{ od_enum_label('patient', 'GradeLevel', 'gradelevel') }} as grade_level,
        urgency as urgency_code,
        {{ od_enum_label('patient', 'Urgency', 'urgency') }} as urgency,
        preferconfirmmethod as prefer_confirm_method_code,
        {{ od_enum_label('patient', 'PreferConfirmMethod', 'preferconfirmmethod') }} as prefer_confirm_method,
        prefercontactmethod as prefer_contact_method_code,
        {{ od_enum_label('patient', 'PreferContactMethod', 'prefercontactmethod') }} as prefer_contact_method,
        preferrecallmethod as prefer_recall_method_code,
        {{ od_enum_label('patient', 'PreferRecallMethod', 'preferrecallmethod') }} as prefer_recall_method,
        prefercontactconfidential as prefer_contact_confidential_code,
        {{ od_enum_label('patient', 'PreferContactConfidential', 'prefercontactconfidential') }} as prefer_contact_confidential,
        txtmsgok as txt_msg_ok_code,
        {{ od_enum_label('patient', 'TxtMsgOk', 'txtmsgok') }} as txt_msg_ok,
        shortcodeoptin as short_code_opt_in_code,
        {{ od_enum_label('patient', 'ShortCodeOptIn', 'shortcodeoptin') }} as short_code_opt_in,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        _loaded_at
    from source
)

select * from renamed
