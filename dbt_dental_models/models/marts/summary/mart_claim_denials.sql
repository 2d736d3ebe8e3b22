with

follow_ups as (
    select * from {{ ref('int_claim_follow_up') }}
),

-- Each followed claim in the month its trouble started: a denial in the month it came back, a
-- rejection or a hold in the month the claim was first sent (entered, if never sent), a claim
-- chased while outstanding in the month it was sent.
dated_follow_ups as (
    select
        follow_ups.*,
        cast({{ dbt.date_trunc('month',
            'case when is_denied then received_date else coalesce(first_sent_date, service_date) end'
        ) }} as date) as report_month
    from follow_ups
),

month_carrier_reasons as (
    select
        report_month,
        carrier_id,
        follow_up_reason,
        reason_name,
        cast(count(*) as bigint) as claims_count,
        cast(sum(case when is_worked then 1 else 0 end) as bigint) as claims_worked,
        cast(sum(case when is_closed then 1 else 0 end) as bigint) as claims_closed,
        cast(sum(case when is_appealed then 1 else 0 end) as bigint) as claims_appealed,
        cast(sum(case when is_resent then 1 else 0 end) as bigint) as claims_resent,
        cast(sum(insurance_estimate_amount) as decimal(15, 2)) as insurance_estimate_amount,
        cast(sum(tracking_steps) as bigint) as tracking_steps,
        cast(avg(days_to_resolution) as decimal(10, 1)) as avg_days_to_resolution,
        cast(max(days_to_resolution) as integer) as max_days_to_resolution
    from dated_follow_ups
    group by report_month, carrier_id, follow_up_reason, reason_name
),

final as (
    select
        -- grain
        report_month,
        carrier_id,
        follow_up_reason,
        reason_name,

        -- counts
        claims_count,
        claims_worked,
        claims_closed,
        claims_appealed,
        claims_resent,
        tracking_steps,

        -- amounts
        insurance_estimate_amount,

        -- days
        avg_days_to_resolution,
        max_days_to_resolution,

        -- rates
        {{ ratio('claims_worked', 'claims_count') }} as worked_rate
    from month_carrier_reasons
)

select * from final
