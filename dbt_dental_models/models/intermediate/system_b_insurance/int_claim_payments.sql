{{ config(materialized='table') }}

with claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

attached_claim_procedures as (
    select
        claim_procedures.claim_payment_id,
        count(*) as claim_procedure_count,
        count(distinct claim_procedures.claim_id) as claim_count,
        count(distinct claim_procedures.patient_id) as patient_count,
        count(distinct insurance_plans.carrier_id) as carrier_count,
        min(insurance_plans.carrier_id) as any_carrier_id,
        sum(claim_procedures.insurance_paid_amount) as attached_insurance_paid_amount,
        sum(claim_procedures.write_off_amount) as attached_write_off_amount
    from claim_procedures
    left join insurance_plans
        on claim_procedures.insurance_plan_id = insurance_plans.insurance_plan_id
    where claim_procedures.claim_payment_id is not null
    group by claim_procedures.claim_payment_id
),

final as (
    select
        -- ids
        claim_payments.claim_payment_id,
        case when attached.carrier_count = 1 then attached.any_carrier_id end as carrier_id,
        claim_payments.clinic_id,
        claim_payments.payment_type_definition_id,

        -- dates
        claim_payments.check_date,
        claim_payments.issued_date,

        -- amounts
        claim_payments.check_amount,
        cast(coalesce(attached.attached_insurance_paid_amount, 0) as decimal(15, 2)) as attached_insurance_paid_amount,
        cast(coalesce(attached.attached_write_off_amount, 0) as decimal(15, 2)) as attached_write_off_amount,
        cast(
            claim_payments.check_amount - coalesce(attached.attached_insurance_paid_amount, 0)
            as decimal(15, 2)
        ) as unallocated_amount,

        -- counts
        coalesce(attached.claim_procedure_count, 0) as claim_procedure_count,
        coalesce(attached.claim_count, 0) as claim_count,
        coalesce(attached.patient_count, 0) as patient_count,
        coalesce(attached.carrier_count, 0) as carrier_count,

        -- attributes
        claim_payments.check_number,
        claim_payments.carrier_name,

        -- flags
        (claim_payments.check_amount = coalesce(attached.attached_insurance_paid_amount, 0)) as is_balanced,
        claim_payments.is_partial
    from claim_payments
    left join attached_claim_procedures as attached
        on claim_payments.claim_payment_id = attached.claim_payment_id
)

select * from final
