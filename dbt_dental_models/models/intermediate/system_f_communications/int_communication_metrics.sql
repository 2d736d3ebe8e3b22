with communications as (
    select * from {{ ref('int_patient_communications_base') }}
),

-- Entries from the start of the reporting history (var history_months) through the as-of date.
in_period as (
    select
        cast({{ dbt.date_trunc('month', 'communication_date') }} as date) as month_start_date,
        mode,
        communication_origin,
        patient_id,
        direction
    from communications
    where communication_date <= {{ as_of_date() }}
      and communication_date >= cast(
          {{ dbt.dateadd('month', -1 * var('history_months'), dbt.date_trunc('month', as_of_date())) }}
          as date
      )
),

by_month_mode_origin as (
    select
        month_start_date,
        mode,
        communication_origin,
        count(*) as communications_count,
        count(case when direction = 'sent' then 1 end) as messages_sent_count,
        count(case when direction = 'received' then 1 end) as messages_received_count,
        count(distinct case when direction = 'sent' then patient_id end) as patients_reached_count,
        count(distinct case when direction = 'received' then patient_id end) as responding_patients_count
    from in_period
    group by
        month_start_date,
        mode,
        communication_origin
),

by_month as (
    select
        month_start_date,
        sum(messages_sent_count) as month_messages_sent_count,
        sum(
            case when communication_origin = 'automated_message' then messages_sent_count else 0 end
        ) as month_automated_sent_count
    from by_month_mode_origin
    group by month_start_date
),

final as (
    select
        -- dates
        by_month_mode_origin.month_start_date,

        -- amounts
        by_month_mode_origin.communications_count,
        by_month_mode_origin.messages_sent_count,
        by_month_mode_origin.messages_received_count,
        by_month_mode_origin.patients_reached_count,
        by_month_mode_origin.responding_patients_count,
        by_month.month_messages_sent_count,
        {{ ratio('by_month_mode_origin.messages_received_count', 'by_month_mode_origin.messages_sent_count') }}
            as responses_per_message_sent,
        {{ ratio('by_month_mode_origin.messages_sent_count', 'by_month.month_messages_sent_count') }}
            as share_of_month_sent,
        {{ ratio('by_month.month_automated_sent_count', 'by_month.month_messages_sent_count') }}
            as month_automated_share,

        -- flags
        by_month_mode_origin.communication_origin <> 'user' as is_automated,

        -- codes
        by_month_mode_origin.mode,
        by_month_mode_origin.communication_origin
    from by_month_mode_origin
    inner join by_month
        on by_month_mode_origin.month_start_date = by_month.month_start_date
)

select * from final
