with source as (
    select * from {{ source('opendental', 'procedurelog') }}
),

renamed as (
    select
        -- ids
        procnum as procedure_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('aptnum') }} as appointment_id,
        {{ od_key('priority') }} as priority_definition_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('dx') }} as dx_definition_id,
        {{ od_key('plannedaptnum') }} as planned_appointment_appointment_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('procnumlab') }} as procedure_num_lab_procedure_id,
        {{ od_key('billingtypeone') }} as billing_type_one_definition_id,
        {{ od_key('billingtypetwo') }} as billing_type_two_definition_id,
        {{ od_key('codenum') }} as procedure_code_id,
        {{ od_key('sitenum') }} as site_site_id,
        {{ od_key('prognosis') }} as prognosis_definition_id,
        {{ od_key('statementnum') }} as statement_id,
        {{ od_key('repeatchargenum') }} as repeat_charge_repeatcharge_id,
        {{ od_key('provorderoverride') }} as provider_order_override_provider_id,
        {{ od_key('orderingreferralnum') }} as ordering_referral_referral_id,

        -- dates
        {{ od_date('procdate') }} as procedure_date,
        {{ od_date('dateoriginalprosth') }} as original_prosth_date,
        {{ od_date('dateentryc') }} as entry_c_date,
        {{ od_date('datetp') }} as tp_date,
        {{ od_date('datecomplete') }} as complete_date,

        -- amounts
        {{ od_money('procfee') }} as procedure_fee_amount,
        {{ od_minutes('proctime') }} as procedure_time_minutes,
        {{ od_minutes('proctimeend') }} as procedure_time_end_minutes,
        {{ od_money('discount') }} as discount_amount,
        {{ od_money('taxamt') }} as tax_amt_amount,
        {{ od_money('discountplanamt') }} as discount_plan_amt_amount,

        -- attributes
        {{ od_text('oldcode') }} as old_code,
        {{ od_text('surf') }} as surf,
        {{ od_text('toothnum') }} as tooth_num,
        {{ od_text('toothrange') }} as tooth_range,
        {{ od_text('prosthesis') }} as prosthesis,
        {{ od_text('claimnote') }} as claim_note,
        {{ od_text('medicalcode') }} as medical_code,
        {{ od_text('diagnosticcode') }} as diagnostic_code,
        {{ od_text('codemod1') }} as code_mod1,
        {{ od_text('codemod2') }} as code_mod2,
        {{ od_text('codemod3') }} as code_mod3,
        {{ od_text('codemod4') }} as code_mod4,
        {{ od_text('revcode') }} as rev_code,
        unitqty as unit_qty,
        baseunits as base_units,
        starttime as start_time,
        stoptime as stop_time,
        {{ od_text('canadiantypecodes') }} as canadian_type_codes,
        drugqty as drug_qty,
        {{ od_text('billingnote') }} as billing_note,
        {{ od_text('snomedbodysite') }} as snomed_body_site,
        {{ od_text('diagnosticcode2') }} as diagnostic_code2,
        {{ od_text('diagnosticcode3') }} as diagnostic_code3,
        {{ od_text('diagnosticcode4') }} as diagnostic_code4,
        icdversion as icd_version,

        -- flags
        {{ od_bool('isprincdiag') }} as is_princ_diag,
        {{ od_bool('hidegraphics') }} as is_hide_graphics,
        {{ od_bool('islocked') }} as is_locked,
        {{ od_bool('isdateprosthest') }} as is_date_prosth_est,
        {{ od_bool('iscpoe') }} as is_cpoe,

        -- codes
        procstatus as procedure_status_code,
        {{ od_enum_label('procedurelog', 'ProcStatus', 'procstatus') }} as procedure_status,
        placeservice as place_service_code,
        {{ od_enum_label('procedurelog', 'PlaceService', 'placeservice') }} as place_service,
        drugunit as drug_unit_code,
        {{ od_enum_label('procedurelog', 'DrugUnit', 'drugunit') }} as drug_unit,
        unitqtytype as unit_qty_type_code,
        {{ od_enum_label('procedurelog', 'UnitQtyType', 'unitqtytype') }} as unit_qty_type,
        urgency as urgency_code,
        {{ od_enum_label('procedurelog', 'Urgency', 'urgency') }} as urgency,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdateentry') }} as created_date,
        _loaded_at
    from source
)

select * from renamed
