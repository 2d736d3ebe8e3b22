with

subscriptions as (
    select * from {{ ref('int_membership_subscriptions') }}
),

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

adjustments as (
    select * from {{ ref('int_adjustments') }}
),

patient_payments as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

-- Members' amounts, each dated inside a membership of the patient (should two memberships
-- overlap, the lower subscription id takes it): production, the plan's discount (adjustments of
-- the plan's adjustment type, as a positive amount) and patient income.
member_amounts as (
    select
        'production' as activity_type,
        completed_procedures.procedure_id as source_id,
        subscriptions.discount_plan_subscription_id,
        subscriptions.discount_plan_id,
        completed_procedures.patient_id,
        completed_procedures.procedure_date as activity_date,
        completed_procedures.production_amount,
        cast(0 as decimal(15, 2)) as discount_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        not completed_procedures.is_broken_appointment_code as is_visit_procedure
    from completed_procedures
    inner join subscriptions
        on completed_procedures.patient_id = subscriptions.patient_id
        and completed_procedures.procedure_date between subscriptions.effective_date and subscriptions.covered_through_date

    union all

    select
        'discount' as activity_type,
        adjustments.adjustment_id as source_id,
        subscriptions.discount_plan_subscription_id,
        subscriptions.discount_plan_id,
        adjustments.patient_id,
        adjustments.adjustment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(-adjustments.adjustment_amount as decimal(15, 2)) as discount_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        false as is_visit_procedure
    from adjustments
    inner join subscriptions
        on adjustments.patient_id = subscriptions.patient_id
        and adjustments.adjustment_type_definition_id = subscriptions.adjustment_type_definition_id
        and adjustments.adjustment_date between subscriptions.effective_date and subscriptions.covered_through_date

    union all

    select
        'patient_income' as activity_type,
        patient_payments.payment_split_id as source_id,
        subscriptions.discount_plan_subscription_id,
        subscriptions.discount_plan_id,
        patient_payments.patient_id,
        patient_payments.payment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as discount_amount,
        patient_payments.patient_income_amount,
        false as is_visit_procedure
    from patient_payments
    inner join subscriptions
        on patient_payments.patient_id = subscriptions.patient_id
        and patient_payments.payment_date between subscriptions.effective_date and subscriptions.covered_through_date
    where patient_payments.is_patient_income
),

ranked as (
    select
        member_amounts.*,
        row_number() over (
            partition by activity_type, source_id order by discount_plan_subscription_id
        ) as membership_sequence
    from member_amounts
),

final as (
    select
        -- grain
        activity_type,
        source_id,

        -- ids
        discount_plan_subscription_id,
        discount_plan_id,
        patient_id,

        -- dates
        activity_date,

        -- amounts
        production_amount,
        discount_amount,
        patient_income_amount,

        -- flags
        is_visit_procedure
    from ranked
    where membership_sequence = 1
)

select * from final
