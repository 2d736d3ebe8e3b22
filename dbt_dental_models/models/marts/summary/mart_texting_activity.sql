with

texts as (
    select * from {{ ref('int_text_messages') }}
),

final as (
    select
        -- grain
        cast({{ dbt.date_trunc('month', 'message_date') }} as date) as month_start_date,
        clinic_id,

        -- sent
        cast(sum(case when direction = 'sent' then 1 else 0 end) as bigint) as texts_sent,
        cast(sum(case when direction = 'sent' and is_automated then 1 else 0 end) as bigint) as texts_sent_automated,
        cast(sum(case when direction = 'sent' and not is_automated then 1 else 0 end) as bigint) as texts_sent_by_staff,
        cast(sum(case when direction = 'sent' and is_delivered then 1 else 0 end) as bigint) as texts_delivered,
        cast(sum(case when direction = 'sent' and is_failed then 1 else 0 end) as bigint) as texts_failed,
        cast(sum(case when direction = 'sent' then message_parts else 0 end) as bigint) as message_parts_sent,
        cast(sum(charge_usd) as decimal(15, 4)) as charge_usd,
        cast(count(distinct case when direction = 'sent' and is_delivered then patient_id end) as bigint) as patients_texted,

        -- received
        cast(sum(case when direction = 'received' then 1 else 0 end) as bigint) as texts_received,
        cast(count(distinct case when direction = 'received' then patient_id end) as bigint) as patients_replied
    from texts
    where message_date <= {{ as_of_date() }}
    group by 1, 2
)

select * from final
