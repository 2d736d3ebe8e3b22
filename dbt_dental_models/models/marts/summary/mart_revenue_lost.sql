with

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

claims as (
    select * from {{ ref('int_claim_tracking') }}
),

claim_procedures as (
    select * from {{ ref('int_claim_details') }}
),

adjustments as (
    select * from {{ ref('int_adjustments') }}
),

-- Broken appointments (AptStatus 5) up to the as-of date, at their booked value: the fee of the
-- procedures attached to them (scheduled production), on the appointment's day.
broken_appointment_items as (
    select
        'broken_appointment' as revenue_lost_category,
        appointment_date as item_date,
        scheduled_production_amount as amount_lost
    from appointments
    where appointment_status_code = 5
        and appointment_date <= {{ as_of_date() }}
),

-- Claims the carrier received and refused (int_claim_tracking.is_denied: nothing paid although
-- it was estimated to pay; a secondary estimated at 0 and paid 0 is not refused). The estimate
-- is lost, on the received date.
denied_claim_items as (
    select
        'denied_claim' as revenue_lost_category,
        received_date as item_date,
        insurance_estimate_amount as amount_lost
    from claims
    where is_denied
        and received_date <= {{ as_of_date() }}
),

-- Insurance write-offs beyond the contract: the part of a received or supplemental claimproc's
-- WriteOff (by DateCP) above the write-off OpenDental estimated from the plan's fee schedule
-- (WriteOffEstOverride, else WriteOffEst; none on a plan without a fee schedule, where the whole
-- write-off is beyond any contract).
write_off_beyond_contract_items as (
    select
        'write_off_beyond_contract' as revenue_lost_category,
        payment_date as item_date,
        write_off_amount - coalesce(effective_write_off_estimate_amount, 0) as amount_lost
    from claim_procedures
    where claim_procedure_status_code in (1, 4)
        and write_off_amount > coalesce(effective_write_off_estimate_amount, 0)
        and payment_date <= {{ as_of_date() }}
),

-- The practice's own write-offs: adjustments of the write_off class (bad debt, small balances,
-- courtesy, charity, denial write-offs; seed adjustment_type_classes), by AdjDate, as a positive
-- amount lost (a reversal, entered positive, gives it back).
write_off_adjustment_items as (
    select
        'write_off_adjustment' as revenue_lost_category,
        adjustment_date as item_date,
        -adjustment_amount as amount_lost
    from adjustments
    where adjustment_class = 'write_off'
        and adjustment_date <= {{ as_of_date() }}
),

items as (
    select * from broken_appointment_items
    union all
    select * from denied_claim_items
    union all
    select * from write_off_beyond_contract_items
    union all
    select * from write_off_adjustment_items
),

monthly as (
    select
        revenue_lost_category,
        cast({{ dbt.date_trunc('month', 'item_date') }} as date) as month_start_date,
        sum(amount_lost) as amount_lost,
        count(*) as item_count
    from items
    group by revenue_lost_category, cast({{ dbt.date_trunc('month', 'item_date') }} as date)
),

-- Every category in every month that has any item, so a month without a category reads 0.
categories as (
    select 'broken_appointment' as revenue_lost_category, 'missed_appointments' as revenue_lost_group
    union all select 'denied_claim', 'unpaid_claims'
    union all select 'write_off_beyond_contract', 'write_offs'
    union all select 'write_off_adjustment', 'write_offs'
),

months as (
    select distinct month_start_date from monthly
),

final as (
    select
        -- dates
        months.month_start_date,

        -- attributes
        categories.revenue_lost_category,
        categories.revenue_lost_group,

        -- amounts
        cast(coalesce(monthly.amount_lost, 0) as decimal(15, 2)) as amount_lost,

        -- counts
        cast(coalesce(monthly.item_count, 0) as bigint) as item_count
    from months
    cross join categories
    left join monthly
        on months.month_start_date = monthly.month_start_date
        and categories.revenue_lost_category = monthly.revenue_lost_category
)

select * from final
