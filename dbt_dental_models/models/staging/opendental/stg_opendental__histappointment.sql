with source as (
    select * from {{ source('opendental', 'histappointment') }}
),

renamed as (
    select
        -- ids
        histapptnum as appointment_history_id,
        {{ od_key('histusernum') }} as hist_user_user_id,

        -- dates
        {{ od_timestamp('histdatetstamp') }} as hist_date_t_stamp_at,
        {{ od_timestamp('aptdatetime') }} as appointment_date_time_at,
        {{ od_timestamp('datetimearrived') }} as arrived_at,
        {{ od_timestamp('datetimeseated') }} as seated_at,
        {{ od_timestamp('datetimedismissed') }} as dismissed_at,
        {{ od_timestamp('datetimeaskedtoarrive') }} as asked_to_arrive_at,

        -- attributes
        aptnum as appointment_num,
        patnum as patient_num,
        {{ od_text('pattern') }} as pattern,
        confirmed,
        op,
        {{ od_text('note') }} as note,
        provnum as provider_num,
        provhyg as provider_hyg,
        nextaptnum as next_appointment_num,
        unschedstatus as unscheduled_status,
        {{ od_text('procdescript') }} as procedure_descript,
        assistant,
        clinicnum as clinic_num,
        insplan1 as insurance_plan1,
        insplan2 as insurance_plan2,
        {{ od_text('procscolored') }} as procedures_colored,
        coloroverride as color_override,
        appointmenttypenum as appointment_type_num,
        {{ od_text('provbartext') }} as provider_bar_text,
        {{ od_text('patternsecondary') }} as pattern_secondary,
        {{ od_text('securityhash') }} as security_hash,
        itemorderplanned as item_order_planned,

        -- flags
        {{ od_bool('timelocked') }} as is_time_locked,
        {{ od_bool('isnewpatient') }} as is_new_patient,
        {{ od_bool('ishygiene') }} as is_hygiene,

        -- codes
        histapptaction as hist_appointment_action_code,
        {{ od_enum_label('histappointment', 'HistApptAction', 'histapptaction') }} as hist_appointment_action,
        apptsource as appointment_source_code,
        {{ od_enum_label('histappointment', 'ApptSource', 'apptsource') }} as appointment_source,
        aptstatus as appointment_status_code,
        {{ od_enum_label('histappointment', 'AptStatus', 'aptstatus') }} as appointment_status,
        priority as priority_code,
        {{ od_enum_label('histappointment', 'Priority', 'priority') }} as priority,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
