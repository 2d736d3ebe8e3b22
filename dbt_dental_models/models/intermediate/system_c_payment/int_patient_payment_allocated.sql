with splits as (
    select * from {{ ref('int_payment_split') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

adjustments as (
    select * from {{ ref('stg_opendental__adjustment') }}
),

payment_plans as (
    select * from {{ ref('stg_opendental__payplan') }}
),

-- What each split paid, in OpenDental's precedence: a split attached to a payment plan pays the
-- plan (whatever else it names); otherwise its procedure, its adjustment, or, unattached, it is
-- unearned money held as a prepayment or simply unallocated.
allocated as (
    select
        splits.*,
        case
            when splits.payment_plan_id is not null then 'payment_plan'
            when splits.procedure_id is not null then 'procedure'
            when splits.adjustment_id is not null then 'adjustment'
            when splits.is_unearned then 'unallocated_prepayment'
            else 'unallocated'
        end as allocation_type
    from splits
),

final as (
    select
        -- ids
        allocated.payment_split_id,
        allocated.payment_id,
        allocated.patient_id,
        allocated.guarantor_id,
        allocated.provider_id,
        allocated.clinic_id,
        allocated.procedure_id,
        procedures.procedure_code_id,
        allocated.adjustment_id,
        allocated.payment_plan_id,
        allocated.unearned_type_definition_id,

        -- dates
        allocated.payment_date,
        procedures.procedure_date,
        adjustments.adjustment_date,
        payment_plans.plan_date as payment_plan_date,

        -- amounts
        allocated.split_amount,
        case
            when allocated.is_discount or allocated.is_unearned then cast(0 as decimal(15, 2))
            else allocated.split_amount
        end as patient_income_amount,

        -- attributes
        allocated.allocation_type,

        -- flags
        allocated.is_discount,
        allocated.is_unearned,
        -- OpenDental's patient income: SplitAmt by DatePay, IsDiscount = 0 and UnearnedType = 0.
        (not allocated.is_discount and not allocated.is_unearned) as is_patient_income
    from allocated
    left join procedures
        on allocated.procedure_id = procedures.procedure_id
    left join adjustments
        on allocated.adjustment_id = adjustments.adjustment_id
    left join payment_plans
        on allocated.payment_plan_id = payment_plans.payment_plan_id
)

select * from final
