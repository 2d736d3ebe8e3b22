with reminders_sent as (
    select * from {{ ref('stg_opendental__apptremindersent') }}
),

rules as (
    select * from {{ ref('stg_opendental__apptreminderrule') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

sends as (
    select
        reminders_sent.*,
        -- A .NET TimeSpan counts ticks of 100 nanoseconds: 36,000,000,000 to the hour.
        cast(
            cast(reminders_sent.lead_time_ticks as decimal(20, 2)) / 36000000000 as decimal(12, 2)
        ) as rule_lead_time_hours,
        cast(
            cast(
                {{ dbt.datediff('reminders_sent.sent_at', 'reminders_sent.appointment_at', 'minute') }}
                as decimal(12, 2)
            ) / 60 as decimal(12, 2)
        ) as achieved_lead_time_hours
    from reminders_sent
),

final as (
    select
        -- ids
        sends.reminder_sent_id,
        sends.reminder_rule_id,
        sends.appointment_id,
        sends.patient_id,
        sends.clinic_id,

        -- dates
        sends.sent_at,
        cast(sends.sent_at as date) as sent_date,
        sends.appointment_at as reminded_appointment_at,
        appointments.appointment_at as current_appointment_at,

        -- amounts
        sends.rule_lead_time_hours,
        sends.achieved_lead_time_hours,
        cast(sends.rule_lead_time_hours - sends.achieved_lead_time_hours as decimal(12, 2)) as lead_time_shortfall_hours,

        -- flags
        sends.send_status in ('send_successful', 'sent_awaiting_receipt') as is_delivered,
        -- OpenDental records the time it reminded of; a later move shows as a different time now.
        appointments.appointment_at is not null
            and appointments.appointment_at <> sends.appointment_at as is_appointment_moved,
        appointments.appointment_status = 'complete' as is_appointment_completed,
        appointments.appointment_status = 'broken' as is_appointment_broken,

        -- codes
        rules.rule_type,
        sends.send_status_code,
        sends.send_status,
        sends.channel_code,
        sends.channel,
        appointments.appointment_status,
        case
            when appointments.appointment_id is null then 'deleted'
            when appointments.appointment_status = 'complete' then 'completed'
            when appointments.appointment_status = 'broken' then 'broken'
            when appointments.appointment_status = 'unscheduled_list' then 'cancelled'
            when cast(appointments.appointment_at as date) > {{ as_of_date() }} then 'upcoming'
            else 'not_closed'
        end as appointment_outcome
    from sends
    left join rules
        on sends.reminder_rule_id = rules.reminder_rule_id
    left join appointments
        on sends.appointment_id = appointments.appointment_id
)

select * from final
