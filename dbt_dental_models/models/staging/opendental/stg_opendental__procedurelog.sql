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
        {{ od_key('dx') }} as diagnosis_definition_id,
        {{ od_key('plannedaptnum') }} as planned_appointment_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('procnumlab') }} as lab_fee_parent_procedure_id,
        {{ od_key('billingtypeone') }} as billing_type_one_definition_id,
        {{ od_key('billingtypetwo') }} as billing_type_two_definition_id,
        {{ od_key('codenum') }} as procedure_code_id,
        {{ od_key('sitenum') }} as site_id,
        {{ od_key('prognosis') }} as prognosis_definition_id,
        {{ od_key('statementnum') }} as statement_id,
        {{ od_key('repeatchargenum') }} as repeat_charge_id,
        {{ od_key('provorderoverride') }} as ordering_provider_id,
        {{ od_key('orderingreferralnum') }} as ordering_referral_id,

        -- dates
        {{ od_date('procdate') }} as procedure_date,
        {{ od_date('dateoriginalprosth') }} as original_prosthesis_date,
        {{ od_date('dateentryc') }} as completion_entry_date,
        {{ od_date('datetp') }} as treatment_planned_date,
        {{ od_date('datecomplete') }} as completed_date,
        {{ od_minutes('proctime') }} as procedure_time_minutes,
        {{ od_minutes('proctimeend') }} as procedure_end_time_minutes,

        -- amounts
        {{ od_money('procfee') }} as procedure_fee,
        {{ od_money('discount') }} as discount_amount,
        {{ od_money('taxamt') }} as tax_amount,
        {{ od_money('discountplanamt') }} as discount_plan_amount,

        -- attributes
        {{ od_text('oldcode') }} as old_code,
        {{ od_text('surf') }} as surfaces,
        {{ od_text('toothnum') }} as tooth_number,
        {{ od_text('toothrange') }} as tooth_range,
        {{ od_text('prosthesis') }} as prosthesis_type,
        {{ od_text('claimnote') }} as claim_note,
        {{ od_text('medicalcode') }} as medical_code,
        {{ od_text('diagnosticcode') }} as diagnostic_code,
        {{ od_text('diagnosticcode2') }} as diagnostic_code_2,
        {{ od_text('diagnosticcode3') }} as diagnostic_code_3,
        {{ od_text('diagnosticcode4') }} as diagnostic_code_4,
        icdversion as icd_version,
        {{ od_text('codemod1') }} as code_modifier_1,
        {{ od_text('codemod2') }} as code_modifier_2,
        {{ od_text('codemod3') }} as code_modifier_3,
        {{ od_text('codemod4') }} as code_modifier_4,
        {{ od_text('revcode') }} as revenue_code,
        unitqty as unit_quantity,
        baseunits as base_units,
        starttime as start_time_hhmm,
        stoptime as stop_time_hhmm,
        {{ od_text('canadiantypecodes') }} as canadian_type_codes,
        cast(drugqty as {{ type_double() }}) as drug_quantity,
        {{ od_text('billingnote') }} as billing_note,
        {{ od_text('snomedbodysite') }} as snomed_body_site,

        -- flags
        {{ od_bool('isprincdiag') }} as is_principal_diagnosis,
        {{ od_bool('hidegraphics') }} as is_hidden_from_chart,
        {{ od_bool('islocked') }} as is_locked,
        {{ od_bool('isdateprosthest') }} as is_original_prosthesis_date_estimated,
        {{ od_bool('iscpoe') }} as is_provider_order_entry,

        -- codes
        procstatus as procedure_status_code,
        {{ od_enum_label('procedurelog', 'ProcStatus', 'procstatus') }} as procedure_status,
        placeservice as place_of_service_code,
        {{ od_enum_label('procedurelog', 'PlaceService', 'placeservice') }} as place_of_service,
        drugunit as drug_unit_code,
        {{ od_enum_label('procedurelog', 'DrugUnit', 'drugunit') }} as drug_unit,
        unitqtytype as unit_quantity_type_code,
        {{ od_enum_label('procedurelog', 'UnitQtyType', 'unitqtytype') }} as unit_quantity_type,
        urgency as urgency_code,
        {{ od_enum_label('procedurelog', 'Urgency', 'urgency') }} as urgency,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdateentry') }} as created_at,
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
