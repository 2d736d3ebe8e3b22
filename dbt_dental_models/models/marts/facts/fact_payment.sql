with

patient_splits as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

rules_by_row as (
    {{ opendental_rules_by_row() }}
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
        is_patient_income as is_income,
        {{ combine_rules_broken('split_rules.rules_broken', 'payment_rules.rules_broken') }}
            as opendental_rules_broken
    from patient_splits
    left join rules_by_row as split_rules
        on split_rules.table_name = 'paysplit'
        and patient_splits.payment_split_id = split_rules.row_id
    left join rules_by_row as payment_rules
        on payment_rules.table_name = 'payment'
        and patient_splits.payment_id = payment_rules.row_id
),

-- Insurance income (DESIGN): InsPayAmt of claimprocs attached to a claim payment, by the claim
-- payment's CheckDate; int_insurance_payment_allocated holds exactly those claimprocs. A
-- claimproc whose claim payment was deleted (no CheckDate) is carried, dated by its own DateCP,
-- but is not income: OpenDental's income counts claim payments on a check.
insurance_payment_rows as (
    select
        'claimproc-' || cast(claim_procedure_id as varchar) as payment_key,
        'insurance' as payment_source,
        coalesce(income_date, claim_procedure_payment_date) as payment_date,
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
        case when income_date is null then 0 else insurance_paid_amount end as income_amount,
        write_off_amount,
        case when is_by_total_payment then 'by_total' else 'procedure' end as allocation_type,
        (income_date is not null) as is_income,
        {{ combine_rules_broken('claim_procedure_rules.rules_broken', 'check_rules.rules_broken') }}
            as opendental_rules_broken
    from insurance_payments
    left join rules_by_row as claim_procedure_rules
        on claim_procedure_rules.table_name = 'claimproc'
        and insurance_payments.claim_procedure_id = claim_procedure_rules.row_id
    left join rules_by_row as check_rules
        on check_rules.table_name = 'claimpayment'
        and insurance_payments.claim_payment_id = check_rules.row_id
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
        is_income,
        cast(opendental_rules_broken as varchar) as opendental_rules_broken
    from unioned
)

select * from final
