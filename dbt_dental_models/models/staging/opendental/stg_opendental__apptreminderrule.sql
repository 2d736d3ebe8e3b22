with source as (
    select * from {{ source('opendental', 'apptreminderrule') }}
),

renamed as (
    select
        -- ids
        apptreminderrulenum as reminder_rule_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('emailhostingtemplatenum') }} as email_hosting_template_id,

        -- attributes
        -- .NET TimeSpans in 100-nanosecond ticks (36,000,000,000 to the hour).
        tsprior as lead_time_ticks,
        donotsendwithin as do_not_send_within_ticks,
        timespanmultipleinvites as portal_invite_quiet_ticks,
        {{ od_text('sendorder') }} as send_order,
        {{ od_text('language') }} as language,
        minorage as minor_age_years,
        {{ od_text('templatesms') }} as sms_template,
        {{ od_text('templateemailsubject') }} as email_subject_template,
        {{ od_text('templateemail') }} as email_template,
        {{ od_text('templatesmsaggshared') }} as grouped_sms_template,
        {{ od_text('templatesmsaggperappt') }} as grouped_sms_appointment_template,
        {{ od_text('templateemailsubjaggshared') }} as grouped_email_subject_template,
        {{ od_text('templateemailaggshared') }} as grouped_email_template,
        {{ od_text('templateemailaggperappt') }} as grouped_email_appointment_template,
        {{ od_text('templateautoreply') }} as auto_reply_template,
        {{ od_text('templateautoreplyagg') }} as grouped_auto_reply_template,
        {{ od_text('templatefailureautoreply') }} as failed_reply_template,
        {{ od_text('templatecomeinmessage') }} as come_in_template,

        -- flags
        {{ od_bool('isenabled') }} as is_enabled,
        {{ od_bool('issendall') }} as is_sent_by_every_channel,
        {{ od_bool('isautoreplyenabled') }} as is_auto_reply_enabled,
        {{ od_bool('issendforminorsbirthday') }} as is_sent_to_minors_on_birthday,

        -- codes
        typecur as rule_type_code,
        {{ od_enum_label('apptreminderrule', 'TypeCur', 'typecur') }} as rule_type,
        -- OpenDental stores these two enums by their value names, so they are decoded by name.
        {{ od_text('emailtemplatetype') }} as email_template_type_name,
        (
            select labels.label
            from {{ ref('opendental_enum_labels') }} as labels
            where labels.table_name = 'apptreminderrule'
              and labels.column_name = 'EmailTemplateType'
              and labels.value_name = source.emailtemplatetype
        ) as email_template_type,
        {{ od_text('aggemailtemplatetype') }} as grouped_email_template_type_name,
        (
            select labels.label
            from {{ ref('opendental_enum_labels') }} as labels
            where labels.table_name = 'apptreminderrule'
              and labels.column_name = 'AggEmailTemplateType'
              and labels.value_name = source.aggemailtemplatetype
        ) as grouped_email_template_type,
        sendmultipleinvites as portal_invite_frequency_code,
        {{ od_enum_label('apptreminderrule', 'SendMultipleInvites', 'sendmultipleinvites') }} as portal_invite_frequency,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
