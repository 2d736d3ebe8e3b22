with

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
),

treatment_plans as (
    select * from {{ ref('int_treatment_plan') }}
),

-- Diagnosed treatment presented by the as-of date (int_procedure_acceptance.is_case_presented),
-- with the saved plan it was first presented on.
presented_procedures as (
    select
        planned_procedures.procedure_id,
        planned_procedures.provider_id,
        planned_procedures.clinic_id,
        planned_procedures.cdt_category,
        planned_procedures.treatment_plan_id,
        cast({{ dbt.date_trunc('month', 'planned_procedures.treatment_planned_date') }} as date) as planned_month,
        planned_procedures.treatment_status,
        planned_procedures.is_case_accepted,
        planned_procedures.planned_fee_amount,
        planned_procedures.days_to_completion,
        treatment_plans.is_signed as is_plan_signed
    from planned_procedures
    left join treatment_plans
        on planned_procedures.treatment_plan_id = treatment_plans.treatment_plan_id
    where planned_procedures.is_case_presented
        and planned_procedures.treatment_planned_date <= {{ as_of_date() }}
),

provider_clinic_category_months as (
    select
        provider_id,
        clinic_id,
        cdt_category,
        planned_month,
        count(*) as presented_procedure_count,
        sum(case when is_case_accepted then 1 else 0 end) as accepted_procedure_count,
        sum(case when treatment_status = 'completed' then 1 else 0 end) as completed_procedure_count,
        sum(case when treatment_status = 'scheduled' then 1 else 0 end) as scheduled_procedure_count,
        sum(case when treatment_status = 'unscheduled' then 1 else 0 end) as unscheduled_procedure_count,
        sum(case when treatment_status = 'not_accepted' then 1 else 0 end) as not_accepted_procedure_count,
        sum(planned_fee_amount) as presented_fee_amount,
        sum(case when is_case_accepted then planned_fee_amount else 0 end) as accepted_fee_amount,
        sum(case when treatment_status = 'completed' then planned_fee_amount else 0 end) as completed_fee_amount,
        sum(case when treatment_status = 'scheduled' then planned_fee_amount else 0 end) as scheduled_fee_amount,
        sum(case when treatment_status = 'unscheduled' then planned_fee_amount else 0 end) as unscheduled_fee_amount,
        sum(case when treatment_status = 'not_accepted' then planned_fee_amount else 0 end) as not_accepted_fee_amount,
        sum(case when treatment_status = 'completed' then days_to_completion else 0 end) as days_to_completion_total,
        count(distinct treatment_plan_id) as treatment_plans_presented,
        count(distinct case when is_plan_signed then treatment_plan_id end) as treatment_plans_signed
    from presented_procedures
    group by provider_id, clinic_id, cdt_category, planned_month
),

final as (
    select
        -- grain
        provider_id,
        clinic_id,
        cdt_category,
        planned_month,

        -- counts
        cast(presented_procedure_count as bigint) as presented_procedure_count,
        cast(accepted_procedure_count as bigint) as accepted_procedure_count,
        cast(completed_procedure_count as bigint) as completed_procedure_count,
        cast(scheduled_procedure_count as bigint) as scheduled_procedure_count,
        cast(unscheduled_procedure_count as bigint) as unscheduled_procedure_count,
        cast(not_accepted_procedure_count as bigint) as not_accepted_procedure_count,
        cast(treatment_plans_presented as bigint) as treatment_plans_presented,
        cast(treatment_plans_signed as bigint) as treatment_plans_signed,

        -- amounts
        cast(presented_fee_amount as decimal(15, 2)) as presented_fee_amount,
        cast(accepted_fee_amount as decimal(15, 2)) as accepted_fee_amount,
        cast(completed_fee_amount as decimal(15, 2)) as completed_fee_amount,
        cast(scheduled_fee_amount as decimal(15, 2)) as scheduled_fee_amount,
        cast(unscheduled_fee_amount as decimal(15, 2)) as unscheduled_fee_amount,
        cast(not_accepted_fee_amount as decimal(15, 2)) as not_accepted_fee_amount,

        -- durations
        cast(days_to_completion_total as bigint) as days_to_completion_total,

        -- rates
        {{ ratio('accepted_fee_amount', 'presented_fee_amount') }} as case_acceptance_rate,
        {{ ratio('accepted_procedure_count', 'presented_procedure_count') }} as case_acceptance_procedure_rate
    from provider_clinic_category_months
)

select * from final
