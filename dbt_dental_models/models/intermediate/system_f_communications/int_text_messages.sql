with

texts_sent as (
    select * from {{ ref('stg_opendental__smstomobile') }}
),

texts_received as (
    select * from {{ ref('stg_opendental__smsfrommobile') }}
),

final as (
    select
        -- grain
        'sent' as direction,
        text_sent_id as text_id,

        -- ids
        patient_id,
        clinic_id,
        cast(null as bigint) as communication_id,

        -- when
        sent_at as message_at,
        cast(sent_at as date) as message_date,

        -- what
        message_source,
        -- Typed by a user (direct_sms) or sent by OpenDental's automation (everything else).
        message_source <> 'direct_sms' as is_automated,
        delivery_status in ('delivery_conf', 'delivery_unconf') as is_delivered,
        delivery_status in ('fail_with_charge', 'fail_no_charge') as is_failed,
        message_parts,
        cast(coalesce(charge_usd, 0) - coalesce(discount_usd, 0) as decimal(15, 4)) as charge_usd
    from texts_sent
    union all
    select
        'received' as direction,
        text_received_id as text_id,
        patient_id,
        clinic_id,
        communication_id,
        received_at as message_at,
        cast(received_at as date) as message_date,
        'patient_reply' as message_source,
        false as is_automated,
        true as is_delivered,
        false as is_failed,
        -- A long reply arrives in parts, one row each.
        1 as message_parts,
        cast(0 as decimal(15, 4)) as charge_usd
    from texts_received
)

select * from final
