with source as (
    select * from {{ source('opendental', 'appointment') }}
),

renamed as (
    select
        -- ids
        aptnum as appointment_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('provhyg') }} as hygienist_id,
        {{ od_key('op') }} as operatory_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('appointmenttypenum') }} as appointment_type_id,
        {{ od_key('nextaptnum') }} as planned_appointment_id,
        {{ od_key('confirmed') }} as confirmation_status_definition_id,
        {{ od_key('unschedstatus') }} as unscheduled_status_definition_id,
        {{ od_key('assistant') }} as assistant_employee_id,
        {{ od_key('insplan1') }} as primary_insurance_plan_id,
        {{ od_key('insplan2') }} as secondary_insurance_plan_id,

        -- dates
        {{ od_timestamp('aptdatetime') }} as appointment_at,
        {{ od_timestamp('datetimeaskedtoarrive') }} as asked_to_arrive_at,
        {{ od_timestamp('datetimearrived') }} as arrived_at,
        {{ od_timestamp('datetimeseated') }} as seated_at,
        {{ od_timestamp('datetimedismissed') }} as dismissed_at,

        -- attributes
        {{ od_text('pattern') }} as time_pattern,
        {{ od_text('patternsecondary') }} as secondary_time_pattern,
        {{ od_text('procdescript') }} as procedures_description,
        {{ od_text('note') }} as note,
        {{ od_text('provbartext') }} as provider_bar_text,
        {{ od_text('procscolored') }} as procedure_colors_xml,
        coloroverride as color_override_argb,
        itemorderplanned as planned_display_order,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('timelocked') }} as is_time_locked,
        {{ od_bool('isnewpatient') }} as is_new_patient,
        {{ od_bool('ishygiene') }} as is_hygiene,

        -- codes
        aptstatus as appointment_status_code,
        {{ od_enum_label('appointment', 'AptStatus', 'aptstatus') }} as appointment_status,
        priority as priority_code,
        {{ od_enum_label('appointment', 'Priority', 'priority') }} as priority,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
