with rules as (
    select * from {{ ref('stg_opendental__apptreminderrule') }}
),

reminders_sent as (
    select * from {{ ref('stg_opendental__apptremindersent') }}
),

-- What each rule has sent, where OpenDental records it (reminders; confirmation requests and
-- thank-yous are kept in tables outside the warehouse).
sends_by_rule as (
    select
        reminder_rule_id,
        count(*) as reminders_sent_count,
        max(sent_at) as last_sent_at
    from reminders_sent
    group by reminder_rule_id
),

-- A .NET TimeSpan counts ticks of 100 nanoseconds: 36,000,000,000 to the hour.
timed_rules as (
    select
        rules.*,
        cast(cast(lead_time_ticks as decimal(20, 2)) / 36000000000 as decimal(12, 2)) as lead_time_hours,
        cast(
            cast(do_not_send_within_ticks as decimal(20, 2)) / 36000000000 as decimal(12, 2)
        ) as do_not_send_within_hours,
        sms_template is not null as has_sms_template,
        email_template is not null as has_email_template
    from rules
),

final as (
    select
        -- ids
        timed_rules.reminder_rule_id,
        timed_rules.clinic_id,

        -- dates
        sends_by_rule.last_sent_at,

        -- amounts
        timed_rules.lead_time_hours,
        timed_rules.do_not_send_within_hours,
        coalesce(sends_by_rule.reminders_sent_count, 0) as reminders_sent_count,
        coalesce(length(timed_rules.sms_template), 0) as sms_template_length,
        coalesce(length(timed_rules.email_subject_template), 0) as email_subject_length,
        coalesce(length(timed_rules.email_template), 0) as email_template_length,

        -- attributes
        -- Texts are short and read as they are; email bodies are left to the staging model.
        timed_rules.sms_template,
        timed_rules.email_subject_template,
        timed_rules.send_order,
        case
            when timed_rules.has_sms_template and timed_rules.has_email_template then 'text_and_email'
            when timed_rules.has_sms_template then 'text'
            when timed_rules.has_email_template then 'email'
            else 'none'
        end as template_channels,
        case
            when timed_rules.lead_time_ticks = 0 then 'on_event'
            when timed_rules.lead_time_ticks < cast(24 as {{ dbt.type_bigint() }}) * 36000000000 then 'same_day'
            else 'days_before'
        end as timing,

        -- flags
        timed_rules.is_enabled,
        timed_rules.is_sent_by_every_channel,
        timed_rules.is_auto_reply_enabled,
        timed_rules.has_sms_template,
        timed_rules.has_email_template,
        timed_rules.clinic_id is null as is_practice_default,

        -- codes
        timed_rules.rule_type_code,
        timed_rules.rule_type
    from timed_rules
    left join sends_by_rule
        on timed_rules.reminder_rule_id = sends_by_rule.reminder_rule_id
)

select * from final
