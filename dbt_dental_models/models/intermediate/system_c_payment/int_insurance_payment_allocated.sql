with claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- OpenDental's insurance income counts only claimprocs attached to a claim payment (a check or
-- EFT); estimates and received-but-unfinalized rows carry no ClaimPaymentNum.
paid_claim_procedures as (
    select *
    from claim_procedures
    where claim_payment_id is not null
),

final as (
    select
        -- ids
        paid.claim_procedure_id,
        paid.claim_payment_id,
        paid.claim_id,
        paid.procedure_id,
        paid.patient_id,
        patients.guarantor_id,
        -- The claimproc's provider is the one credited; the procedure's when the claimproc has none.
        coalesce(paid.provider_id, procedures.provider_id) as provider_id,
        coalesce(paid.clinic_id, procedures.clinic_id) as clinic_id,
        paid.insurance_plan_id,
        insurance_plans.carrier_id,
        procedures.procedure_code_id,

        -- dates
        claim_payments.check_date as income_date,
        paid.payment_date as claim_procedure_payment_date,
        coalesce(procedures.procedure_date, paid.procedure_date) as procedure_date,

        -- amounts
        paid.insurance_paid_amount,
        paid.write_off_amount,

        -- codes
        paid.claim_procedure_status_code,
        paid.claim_procedure_status,

        -- flags
        (paid.procedure_id is null) as is_by_total_payment
    from paid_claim_procedures as paid
    left join claim_payments
        on paid.claim_payment_id = claim_payments.claim_payment_id
    left join procedures
        on paid.procedure_id = procedures.procedure_id
    left join insurance_plans
        on paid.insurance_plan_id = insurance_plans.insurance_plan_id
    left join patients
        on paid.patient_id = patients.patient_id
)

select * from final
