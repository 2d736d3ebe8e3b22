with appointments as (
    select * from {{ ref('int_appointment_details') }}
),

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
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

-- Broken appointments (AptStatus 5) up to the as-of date, valued at their scheduled production.
broken_appointments as (
    select *
    from appointments
    where appointment_status_code = 5
        and appointment_date <= {{ as_of_date() }}
),

-- A broken appointment counts as rescheduled when the patient has any later appointment that is
-- scheduled (1) or complete (2).
rescheduled_broken_appointments as (
    select distinct broken_appointments.appointment_id
    from broken_appointments
    inner join appointments as later_appointments
        on broken_appointments.patient_id = later_appointments.patient_id
        and later_appointments.appointment_at > broken_appointments.appointment_at
        and later_appointments.appointment_status_code in (1, 2)
),

broken_appointment_items as (
    select
        'broken_appointment' as revenue_lost_category,
        broken_appointments.appointment_date as item_date,
        broken_appointments.scheduled_production_amount as amount_lost,
        case
            when rescheduled_broken_appointments.appointment_id is null
                then broken_appointments.scheduled_production_amount
            else 0
        end as recovery_potential_amount,
        rescheduled_broken_appointments.appointment_id is null as is_recoverable
    from broken_appointments
    left join rescheduled_broken_appointments
        on broken_appointments.appointment_id = rescheduled_broken_appointments.appointment_id
),

-- Planned procedures never completed and not booked: not attached to an appointment that is
-- scheduled (1), complete (2) or broken (5, counted as a broken appointment above). Still
-- treatment-planned (pending) ones can be scheduled; declined, inactive or referred-out ones not.
unscheduled_treatment_items as (
    select
        'unscheduled_treatment' as revenue_lost_category,
        planned_procedures.treatment_planned_date as item_date,
        planned_procedures.planned_fee_amount as amount_lost,
        case
            when planned_procedures.acceptance_status = 'pending' then planned_procedures.planned_fee_amount
            else 0
        end as recovery_potential_amount,
        planned_procedures.acceptance_status = 'pending' as is_recoverable
    from planned_procedures
    left join appointments
        on planned_procedures.appointment_id = appointments.appointment_id
    where planned_procedures.acceptance_status <> 'accepted'
        and planned_procedures.treatment_planned_date <= {{ as_of_date() }}
        and (appointments.appointment_id is null or appointments.appointment_status_code not in (1, 2, 5))
),

-- Claims the carrier received (R) and paid nothing on although it was expected to pay: the
-- estimate is lost, on the received date; the claim is closed, so nothing is counted recoverable.
denied_claim_items as (
    select
        'denied_claim' as revenue_lost_category,
        received_date as item_date,
        insurance_estimate_amount as amount_lost,
        0 as recovery_potential_amount,
        false as is_recoverable
    from claims
    where claim_status_code = 'R'
        and insurance_paid_amount = 0
        and insurance_estimate_amount > 0
        and received_date <= {{ as_of_date() }}
),

-- Claims sent (S) and unpaid more than var claim_unpaid_overdue_days after first sent: the
-- estimate is at risk, on the first-sent date, and all of it still recoverable (the claim is open).
overdue_claim_items as (
    select
        'overdue_claim' as revenue_lost_category,
        first_sent_date as item_date,
        insurance_estimate_amount as amount_lost,
        insurance_estimate_amount as recovery_potential_amount,
        true as is_recoverable
    from claims
    where claim_status_code = 'S'
        and insurance_paid_amount = 0
        and {{ dbt.datediff('first_sent_date', as_of_date(), 'day') }} > {{ var('claim_unpaid_overdue_days') }}
),

-- Insurance write-offs as OpenDental reports them: WriteOff of received (1) and supplemental (4)
-- claimprocs by DateCP. Contractual: not recoverable.
insurance_write_off_items as (
    select
        'insurance_write_off' as revenue_lost_category,
        payment_date as item_date,
        write_off_amount as amount_lost,
        0 as recovery_potential_amount,
        false as is_recoverable
    from claim_procedures
    where claim_procedure_status_code in (1, 4)
        and write_off_amount <> 0
        and payment_date <= {{ as_of_date() }}
),

-- Negative adjustments of the discount and write-off classes, by AdjDate: given away by the
-- practice's decision, so not counted recoverable.
adjustment_write_off_items as (
    select
        'adjustment_write_off' as revenue_lost_category,
        adjustment_date as item_date,
        -adjustment_amount as amount_lost,
        0 as recovery_potential_amount,
        false as is_recoverable
    from adjustments
    where adjustment_class in ('discount', 'write_off')
        and adjustment_amount < 0
        and adjustment_date <= {{ as_of_date() }}
),

items as (
    select * from broken_appointment_items
    union all
    select * from unscheduled_treatment_items
    union all
    select * from denied_claim_items
    union all
    select * from overdue_claim_items
    union all
    select * from insurance_write_off_items
    union all
    select * from adjustment_write_off_items
),

monthly as (
    select
        revenue_lost_category,
        cast({{ dbt.date_trunc('month', 'item_date') }} as date) as month_start_date,
        sum(amount_lost) as amount_lost,
        count(*) as item_count,
        sum(recovery_potential_amount) as recovery_potential_amount,
        sum(case when is_recoverable then 1 else 0 end) as recoverable_item_count
    from items
    group by revenue_lost_category, cast({{ dbt.date_trunc('month', 'item_date') }} as date)
),

-- Every category in every month that has any item, so a month without a category reads 0.
categories as (
    select 'broken_appointment' as revenue_lost_category, 'missed_appointments' as revenue_lost_group
    union all select 'unscheduled_treatment', 'unscheduled_treatment'
    union all select 'denied_claim', 'unpaid_claims'
    union all select 'overdue_claim', 'unpaid_claims'
    union all select 'insurance_write_off', 'write_offs'
    union all select 'adjustment_write_off', 'write_offs'
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
        cast(coalesce(monthly.recovery_potential_amount, 0) as decimal(15, 2)) as recovery_potential_amount,

        -- counts
        cast(coalesce(monthly.item_count, 0) as bigint) as item_count,
        cast(coalesce(monthly.recoverable_item_count, 0) as bigint) as recoverable_item_count,

        -- rates
        {{ ratio('coalesce(monthly.recovery_potential_amount, 0)', 'monthly.amount_lost') }} as recovery_share
    from months
    cross join categories
    left join monthly
        on months.month_start_date = monthly.month_start_date
        and categories.revenue_lost_category = monthly.revenue_lost_category
)

select * from final
