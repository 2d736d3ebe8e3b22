with

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
),

treatment_plans as (
    select * from {{ ref('int_treatment_plan') }}
),

-- What became of each planned procedure. int_procedure_acceptance calls a completed procedure
-- accepted; a procedure still treatment-planned is accepted here too once it is booked on a
-- scheduled appointment (is_pending_scheduled: AptStatus 1). One booked on a broken or
-- unscheduled-list appointment, or on none, is still pending.
classified_procedures as (
    select
        planned_procedures.procedure_id,
        planned_procedures.provider_id,
        planned_procedures.clinic_id,
        planned_procedures.treatment_plan_id,
        cast({{ dbt.date_trunc('month', 'planned_procedures.treatment_planned_date') }} as date) as planned_month,
        planned_procedures.planned_fee_amount,
        planned_procedures.days_to_acceptance,
        case
            when planned_procedures.acceptance_status = 'accepted' then 'completed'
            when planned_procedures.is_pending_scheduled then 'scheduled'
            when planned_procedures.acceptance_status = 'pending' then 'pending'
            else planned_procedures.acceptance_status
        end as treatment_status
    from planned_procedures
),

procedures_with_plans as (
    select
        classified_procedures.*,
        treatment_plans.is_signed as is_plan_signed
    from classified_procedures
    left join treatment_plans
        on classified_procedures.treatment_plan_id = treatment_plans.treatment_plan_id
),

provider_clinic_months as (
    select
        provider_id,
        clinic_id,
        planned_month,
        cast(count(*) as bigint) as procedures_planned,
        cast(sum(case when treatment_status in ('completed', 'scheduled') then 1 else 0 end) as bigint)
            as procedures_accepted,
        cast(sum(case when treatment_status = 'completed' then 1 else 0 end) as bigint) as procedures_completed,
        cast(sum(case when treatment_status = 'scheduled' then 1 else 0 end) as bigint) as procedures_scheduled,
        cast(sum(case when treatment_status = 'pending' then 1 else 0 end) as bigint) as procedures_pending,
        cast(sum(case when treatment_status = 'not_accepted' then 1 else 0 end) as bigint) as procedures_not_accepted,
        cast(sum(case when treatment_status = 'referred_out' then 1 else 0 end) as bigint) as procedures_referred_out,
        cast(coalesce(sum(planned_fee_amount), 0) as decimal(15, 2)) as planned_fee_amount,
        cast(
            coalesce(sum(case when treatment_status in ('completed', 'scheduled') then planned_fee_amount end), 0)
            as decimal(15, 2)
        ) as accepted_fee_amount,
        cast(
            coalesce(sum(case when treatment_status = 'completed' then planned_fee_amount end), 0)
            as decimal(15, 2)
        ) as completed_fee_amount,
        cast(count(distinct treatment_plan_id) as bigint) as treatment_plans_presented,
        cast(count(distinct case when is_plan_signed then treatment_plan_id end) as bigint) as treatment_plans_signed,
        cast(avg(case when treatment_status = 'completed' then days_to_acceptance end) as decimal(9, 2))
            as avg_days_to_acceptance
    from procedures_with_plans
    group by provider_id, clinic_id, planned_month
),

final as (
    select
        -- grain
        provider_id,
        clinic_id,
        planned_month,

        -- counts
        procedures_planned,
        procedures_accepted,
        procedures_completed,
        procedures_scheduled,
        procedures_pending,
        procedures_not_accepted,
        procedures_referred_out,
        treatment_plans_presented,
        treatment_plans_signed,

        -- amounts
        planned_fee_amount,
        accepted_fee_amount,
        completed_fee_amount,

        -- durations
        avg_days_to_acceptance,

        -- rates
        {{ ratio('procedures_accepted', 'procedures_planned') }} as acceptance_rate,
        {{ ratio('procedures_completed', 'procedures_planned') }} as completion_rate,
        {{ ratio('accepted_fee_amount', 'planned_fee_amount') }} as fee_acceptance_rate
    from provider_clinic_months
)

select * from final
