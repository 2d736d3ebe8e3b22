with

treatment_plans as (
    select * from {{ ref('stg_opendental__treatplan') }}
),

treatment_plan_lines as (
    select * from {{ ref('stg_opendental__proctp') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

-- A saved plan keeps a copy of each planned procedure as it stood when presented (proctp).
saved_plan_totals as (
    select
        treatment_plan_lines.treatment_plan_id,
        count(*) as planned_procedure_count,
        sum(treatment_plan_lines.fee_amount) as planned_fee_amount,
        sum(treatment_plan_lines.primary_insurance_amount + treatment_plan_lines.secondary_insurance_amount)
            as planned_insurance_estimate_amount,
        count(case when procedures.procedure_status_code = 2 then 1 end) as completed_procedure_count,
        sum(case when procedures.procedure_status_code = 2 then treatment_plan_lines.fee_amount else 0 end)
            as completed_fee_amount
    from treatment_plan_lines
    left join procedures
        on treatment_plan_lines.procedure_id = procedures.procedure_id
    group by treatment_plan_lines.treatment_plan_id
),

-- The patient's active plan has no proctp lines (OpenDental links it through treatplanattach):
-- it holds the patient's procedures still treatment-planned (ProcStatus 1). Only the newest
-- active plan of a patient takes them, so no procedure is counted on two plans.
newest_active_plans as (
    select treatment_plan_id, patient_id
    from (
        select
            treatment_plan_id,
            patient_id,
            row_number() over (
                partition by patient_id
                order by treatment_plan_date desc, treatment_plan_id desc
            ) as plan_sequence
        from treatment_plans
        where treatment_plan_status_code = 1
    ) as numbered_plans
    where plan_sequence = 1
),

current_planned_procedures as (
    select
        procedures.procedure_id,
        procedures.patient_id,
        procedures.procedure_fee * (procedures.unit_quantity + procedures.base_units) as fee_amount
    from procedures
    where procedures.procedure_status_code = 1
),

procedure_insurance_estimates as (
    select
        procedure_id,
        sum(insurance_estimate_amount) as insurance_estimate_amount
    from claim_procedures
    where claim_procedure_status_code = 6
    group by procedure_id
),

active_plan_totals as (
    select
        newest_active_plans.treatment_plan_id,
        count(*) as planned_procedure_count,
        sum(current_planned_procedures.fee_amount) as planned_fee_amount,
        sum(coalesce(procedure_insurance_estimates.insurance_estimate_amount, 0))
            as planned_insurance_estimate_amount,
        0 as completed_procedure_count,
        0 as completed_fee_amount
    from newest_active_plans
    inner join current_planned_procedures
        on newest_active_plans.patient_id = current_planned_procedures.patient_id
    left join procedure_insurance_estimates
        on current_planned_procedures.procedure_id = procedure_insurance_estimates.procedure_id
    group by newest_active_plans.treatment_plan_id
),

final as (
    select
        -- ids
        treatment_plans.treatment_plan_id,
        treatment_plans.patient_id,
        treatment_plans.presenter_user_id,

        -- dates
        treatment_plans.treatment_plan_date,
        treatment_plans.signed_at,

        -- attributes
        treatment_plans.treatment_plan_status,
        treatment_plans.treatment_plan_type,
        case
            when saved_plan_totals.treatment_plan_id is not null then 'saved_plan_lines'
            when active_plan_totals.treatment_plan_id is not null then 'current_planned_procedures'
            else 'none'
        end as planned_procedure_source,
        coalesce(saved_plan_totals.planned_procedure_count, active_plan_totals.planned_procedure_count, 0)
            as planned_procedure_count,
        coalesce(saved_plan_totals.completed_procedure_count, active_plan_totals.completed_procedure_count, 0)
            as completed_procedure_count,

        -- amounts
        cast(coalesce(saved_plan_totals.planned_fee_amount, active_plan_totals.planned_fee_amount, 0)
            as decimal(15, 2)) as planned_fee_amount,
        cast(
            coalesce(
                saved_plan_totals.planned_insurance_estimate_amount,
                active_plan_totals.planned_insurance_estimate_amount,
                0
            ) as decimal(15, 2)
        ) as planned_insurance_estimate_amount,
        cast(coalesce(saved_plan_totals.completed_fee_amount, active_plan_totals.completed_fee_amount, 0)
            as decimal(15, 2)) as completed_fee_amount,

        -- flags
        (treatment_plans.signed_at is not null) as is_signed
    from treatment_plans
    left join saved_plan_totals
        on treatment_plans.treatment_plan_id = saved_plan_totals.treatment_plan_id
    left join active_plan_totals
        on treatment_plans.treatment_plan_id = active_plan_totals.treatment_plan_id
)

select * from final
