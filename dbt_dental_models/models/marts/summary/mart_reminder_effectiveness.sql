with

messages as (
    select * from {{ ref('int_appointment_automated_messages') }}
),

final as (
    select
        -- grain
        cast({{ dbt.date_trunc('month', 'sent_date') }} as date) as month_start_date,
        clinic_id,
        message_kind,
        channel,

        -- the messages
        cast(count(*) as bigint) as messages_attempted,
        cast(sum(case when is_sent then 1 else 0 end) as bigint) as messages_sent,
        cast(sum(case when is_delivered then 1 else 0 end) as bigint) as messages_delivered,
        cast(sum(case when rsvp_status = 'positive_rsvp' then 1 else 0 end) as bigint) as positive_responses,
        cast(sum(case when rsvp_status in ('negative_rsvp', 'callback') then 1 else 0 end) as bigint)
            as negative_or_callback_responses,

        -- the appointments the delivered messages reached, and what became of them
        cast(count(distinct case when is_delivered then appointment_id end) as bigint) as appointments_reached,
        cast(count(distinct case when is_delivered and is_appointment_confirmed then appointment_id end) as bigint)
            as appointments_confirmed,
        cast(count(distinct case when is_delivered and is_appointment_past then appointment_id end) as bigint)
            as appointments_past,
        cast(count(distinct case when is_delivered and is_appointment_past and is_appointment_kept then appointment_id end) as bigint)
            as appointments_kept,
        cast(count(distinct case when is_delivered and is_appointment_past and is_appointment_no_show then appointment_id end) as bigint)
            as appointments_no_show,
        cast(count(distinct case when is_delivered and is_appointment_past and is_appointment_cancelled then appointment_id end) as bigint)
            as appointments_cancelled
    from messages
    where sent_date <= {{ as_of_date() }}
    group by 1, 2, 3, 4
)

select * from final
