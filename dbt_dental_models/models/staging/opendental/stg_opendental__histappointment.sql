with source as (
    select * from {{ source('opendental', 'histappointment') }}
),

renamed as (
    select
        -- ids
        histapptnum as appointment_history_id,
        {{ od_key('histusernum') }} as changed_by_user_id,
        {{ od_key('aptnum') }} as appointment_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('confirmed') }} as confirmation_status_definition_id,
        {{ od_key('op') }} as operatory_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('provhyg') }} as hygienist_id,
        {{ od_key('nextaptnum') }} as next_appointment_id,
        {{ od_key('unschedstatus') }} as unscheduled_status_definition_id,
        {{ od_key('assistant') }} as assistant_employee_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('insplan1') }} as primary_insurance_plan_id,
        {{ od_key('insplan2') }} as secondary_insurance_plan_id,
        {{ od_key('appointmenttypenum') }} as appointment_type_id,

        -- dates
        {{ od_timestamp('histdatetstamp') }} as changed_at,
        {{ od_timestamp('aptdatetime') }} as appointment_at,
        {{ od_timestamp('datetimearrived') }} as arrived_at,
        {{ od_timestamp('datetimeseated') }} as seated_at,
        {{ od_timestamp('datetimedismissed') }} as dismissed_at,
        {{ od_timestamp('datetimeaskedtoarrive') }} as asked_to_arrive_at,

        -- attributes
        {{ od_text('pattern') }} as time_pattern,
        {{ od_text('patternsecondary') }} as secondary_time_pattern,
        {{ od_text('note') }} as note,
        {{ od_text('procdescript') }} as procedure_description,
        {{ od_text('procscolored') }} as procedures_colored,
        coloroverride as color_override,
        {{ od_text('provbartext') }} as provider_bar_text,
        itemorderplanned as planned_item_order,
        {{ od_text('securityhash') }} as security_hash,

        -- flags
        {{ od_bool('timelocked') }} as is_time_locked,
        {{ od_bool('isnewpatient') }} as is_new_patient,
        {{ od_bool('ishygiene') }} as is_hygiene,

        -- codes
        histapptaction as history_action_code,
        {{ od_enum_label('histappointment', 'HistApptAction', 'histapptaction') }} as history_action,
        apptsource as change_source_code,
        {{ od_enum_label('histappointment', 'ApptSource', 'apptsource') }} as change_source,
        aptstatus as appointment_status_code,
        {{ od_enum_label('histappointment', 'AptStatus', 'aptstatus') }} as appointment_status,
        priority as priority_code,
        {{ od_enum_label('histappointment', 'Priority', 'priority') }} as priority,

        -- metadata
        {{ od_key('secusernumentry') }} as appointment_created_by_user_id,
        {{ od_timestamp('secdatetentry') }} as appointment_created_at,
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
