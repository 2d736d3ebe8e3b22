with

patient_splits as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

-- Patient income (DESIGN): SplitAmt by DatePay, discounts and unearned (prepayment) splits
-- excluded; int_patient_payment_allocated has already zeroed those in patient_income_amount.
patient_payment_rows as (
    select
        'paysplit-' || cast(payment_split_id as varchar) as payment_key,
        'patient' as payment_source,
        payment_date,
        patient_id,
        guarantor_id,
        provider_id,
        clinic_id,
        procedure_id,
        cast(null as bigint) as claim_id,
        cast(null as bigint) as claim_payment_id,
        payment_id,
        cast(null as bigint) as carrier_id,
        split_amount as amount,
        patient_income_amount as income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        allocation_type,
        is_patient_income as is_income
    from patient_splits
),

-- Insurance income (DESIGN): InsPayAmt of claimprocs attached to a claim payment, by the claim
-- payment's CheckDate; int_insurance_payment_allocated holds exactly those claimprocs.
insurance_payment_rows as (
    select
        'claimproc-' || cast(claim_procedure_id as varchar) as payment_key,
        'insurance' as payment_source,
        income_date as payment_date,
        patient_id,
        guarantor_id,
        provider_id,
        clinic_id,
        procedure_id,
        claim_id,
        claim_payment_id,
        cast(null as bigint) as payment_id,
        carrier_id,
        insurance_paid_amount as amount,
        insurance_paid_amount as income_amount,
        write_off_amount,
        case when is_by_total_payment then 'by_total' else 'procedure' end as allocation_type,
        true as is_income
    from insurance_payments
),

unioned as (
    select * from patient_payment_rows
    union all
    select * from insurance_payment_rows
),

final as (
    select
        -- keys
        cast(payment_key as varchar) as payment_key,
        cast(payment_source as varchar) as payment_source,

        -- dates
        payment_date,

        -- ids
        patient_id,
        guarantor_id,
        provider_id,
        clinic_id,
        procedure_id,
        claim_id,
        claim_payment_id,
        payment_id,
        carrier_id,

        -- amounts
        cast(amount as decimal(15, 2)) as amount,
        cast(income_amount as decimal(15, 2)) as income_amount,
        cast(coalesce(write_off_amount, 0) as decimal(15, 2)) as write_off_amount,

        -- attributes
        cast(allocation_type as varchar) as allocation_type,

        -- flags
        is_income
    from unioned
)

select * from final
