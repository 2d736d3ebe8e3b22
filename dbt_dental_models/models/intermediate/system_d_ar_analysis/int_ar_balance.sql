{{ config(materialized='table') }}

with family_aging as (
    select * from {{ ref('int_ar_shared_calculations') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

aging_as_of as (
    select *
    from family_aging
    where is_as_of_date
),

-- Pending insurance: what carriers are still expected to pay or write off on claimprocs not yet
-- received (Status 0), for procedures done by as_of_date. Shown beside the balance, never in it.
pending_insurance as (
    select
        patients.guarantor_id,
        sum(claim_procedures.insurance_estimate_amount + claim_procedures.write_off_amount)
            as pending_insurance_amount,
        count(*) as pending_claim_procedure_count
    from claim_procedures
    inner join patients
        on claim_procedures.patient_id = patients.patient_id
    where claim_procedures.claim_procedure_status_code = 0
        and (
            claim_procedures.procedure_date is null
            or claim_procedures.procedure_date <= {{ as_of_date() }}
        )
    group by patients.guarantor_id
),

family_sizes as (
    select
        guarantor_id,
        count(*) as family_patient_count
    from patients
    group by guarantor_id
),

families as (
    select guarantor_id from aging_as_of
    union
    select guarantor_id from pending_insurance
),

final as (
    select
        -- ids
        families.guarantor_id,

        -- dates
        {{ as_of_date() }} as as_of_date,
        aging_as_of.last_transaction_date,

        -- amounts
        cast(coalesce(aging_as_of.total_charges, 0) as decimal(15, 2)) as total_charges,
        cast(coalesce(aging_as_of.total_credits, 0) as decimal(15, 2)) as total_credits,
        cast(coalesce(aging_as_of.balance, 0) as decimal(15, 2)) as balance,
        cast(coalesce(aging_as_of.balance_0_30, 0) as decimal(15, 2)) as balance_0_30,
        cast(coalesce(aging_as_of.balance_31_60, 0) as decimal(15, 2)) as balance_31_60,
        cast(coalesce(aging_as_of.balance_61_90, 0) as decimal(15, 2)) as balance_61_90,
        cast(coalesce(aging_as_of.balance_over_90, 0) as decimal(15, 2)) as balance_over_90,
        cast(coalesce(aging_as_of.credit_balance, 0) as decimal(15, 2)) as credit_balance,
        cast(coalesce(pending_insurance.pending_insurance_amount, 0) as decimal(15, 2))
            as pending_insurance_amount,
        cast(
            coalesce(aging_as_of.balance, 0) - coalesce(pending_insurance.pending_insurance_amount, 0)
            as decimal(15, 2)
        ) as patient_portion_amount,

        -- attributes
        coalesce(family_sizes.family_patient_count, 0) as family_patient_count,
        coalesce(pending_insurance.pending_claim_procedure_count, 0) as pending_claim_procedure_count,
        coalesce(aging_as_of.month_transaction_count, 0) as month_transaction_count
    from families
    left join aging_as_of
        on families.guarantor_id = aging_as_of.guarantor_id
    left join pending_insurance
        on families.guarantor_id = pending_insurance.guarantor_id
    left join family_sizes
        on families.guarantor_id = family_sizes.guarantor_id
)

select * from final
