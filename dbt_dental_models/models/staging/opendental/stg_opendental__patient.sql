with source as (
    select * from {{ source('opendental', 'patient') }}
),

renamed as (
    select
        -- ids
        patnum as patient_id,
        {{ od_key('guarantor') }} as guarantor_id,
        {{ od_key('priprov') }} as primary_provider_id,
        {{ od_key('secprov') }} as secondary_provider_id,
        {{ od_key('feesched') }} as fee_schedule_id,
        {{ od_key('billingtype') }} as billing_type_definition_id,
        {{ od_key('employernum') }} as employer_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('sitenum') }} as site_id,
        {{ od_key('responsparty') }} as responsible_party_patient_id,
        {{ od_key('superfamily') }} as super_family_head_patient_id,
        {{ od_key('patnumclonefrom') }} as cloned_from_patient_id,
        {{ od_key('discountplannum') }} as discount_plan_id,

        -- dates
        {{ od_date('birthdate') }} as birth_date,
        {{ od_date('datefirstvisit') }} as first_visit_date,
        {{ od_date('admitdate') }} as hospital_admission_date,
        {{ od_timestamp('datetimedeceased') }} as deceased_at,

        -- amounts
        {{ od_money('estbalance') }} as patient_balance_amount,
        {{ od_money('bal_0_30') }} as aged_balance_0_30_amount,
        {{ od_money('bal_31_60') }} as aged_balance_31_60_amount,
        {{ od_money('bal_61_90') }} as aged_balance_61_90_amount,
        {{ od_money('balover90') }} as aged_balance_over_90_amount,
        {{ od_money('insest') }} as insurance_estimate_amount,
        {{ od_money('baltotal') }} as total_balance_amount,
        {{ od_money('payplandue') }} as payment_plan_due_amount,

        -- attributes
        {{ od_text('lname') }} as last_name,
        {{ od_text('fname') }} as first_name,
        {{ od_text('middlei') }} as middle_initial,
        {{ od_text('preferred') }} as preferred_name,
        {{ od_text('title') }} as title,
        {{ od_text('salutation') }} as salutation,
        {{ od_text('ssn') }} as ssn,
        {{ od_text('address') }} as address_line_1,
        {{ od_text('address2') }} as address_line_2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip_code,
        {{ od_text('county') }} as county_name,
        {{ od_text('country') }} as country,
        {{ od_text('hmphone') }} as home_phone,
        {{ od_text('wkphone') }} as work_phone,
        {{ od_text('wirelessphone') }} as mobile_phone,
        {{ od_text('email') }} as email,
        {{ od_text('language') }} as language,
        {{ od_text('credittype') }} as credit_type,
        {{ od_text('hasins') }} as insurance_marker,
        {{ od_text('chartnumber') }} as chart_number,
        {{ od_text('medicaidid') }} as medicaid_number,
        {{ od_text('imagefolder') }} as image_folder,
        {{ od_text('trophyfolder') }} as trophy_folder,
        {{ od_text('addrnote') }} as address_note,
        {{ od_text('famfinurgnote') }} as family_financial_urgent_note,
        {{ od_text('medurgnote') }} as medical_urgent_note,
        {{ od_text('apptmodnote') }} as appointment_module_note,
        {{ od_text('employmentnote') }} as employment_note,
        {{ od_text('studentstatus') }} as student_status,
        {{ od_text('schoolname') }} as school_name,
        {{ od_text('ward') }} as hospital_ward,
        {{ od_text('smokingsnomed') }} as smoking_status_snomed_code,
        canadianeligibilitycode as canadian_eligibility_code,
        {{ od_minutes('schedbeforetime') }} as preferred_before_time_minutes,
        {{ od_minutes('schedaftertime') }} as preferred_after_time_minutes,
        scheddayofweek as preferred_day_of_week,
        asktoarriveearly as ask_to_arrive_early_minutes,
        billingcycleday as billing_cycle_day,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('plannedisdone') }} as is_planned_appointment_done,
        {{ od_bool('premed') }} as is_premedication_required,
        {{ od_bool('hassuperbilling') }} as has_super_family_billing,
        {{ od_bool('hassignedtil') }} as has_signed_truth_in_lending,

        -- codes
        patstatus as patient_status_code,
        {{ od_enum_label('patient', 'PatStatus', 'patstatus') }} as patient_status,
        gender as gender_code,
        {{ od_enum_label('patient', 'Gender', 'gender') }} as gender,
        position as marital_status_code,
        {{ od_enum_label('patient', 'Position', 'position') }} as marital_status,
        gradelevel as grade_level_code,
        {{ od_enum_label('patient', 'GradeLevel', 'gradelevel') }} as grade_level,
        urgency as treatment_urgency_code,
        {{ od_enum_label('patient', 'Urgency', 'urgency') }} as treatment_urgency,
        preferconfirmmethod as preferred_confirmation_method_code,
        {{ od_enum_label('patient', 'PreferConfirmMethod', 'preferconfirmmethod') }} as preferred_confirmation_method,
        prefercontactmethod as preferred_contact_method_code,
        {{ od_enum_label('patient', 'PreferContactMethod', 'prefercontactmethod') }} as preferred_contact_method,
        preferrecallmethod as preferred_recall_method_code,
        {{ od_enum_label('patient', 'PreferRecallMethod', 'preferrecallmethod') }} as preferred_recall_method,
        prefercontactconfidential as preferred_confidential_contact_method_code,
        {{ od_enum_label('patient', 'PreferContactConfidential', 'prefercontactconfidential') }} as preferred_confidential_contact_method,
        txtmsgok as text_message_consent_code,
        {{ od_enum_label('patient', 'TxtMsgOk', 'txtmsgok') }} as text_message_consent,
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
