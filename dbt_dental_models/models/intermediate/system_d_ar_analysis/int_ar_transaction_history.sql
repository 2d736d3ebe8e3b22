{{ config(materialized='table') }}

with patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

adjustments as (
    select * from {{ ref('stg_opendental__adjustment') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

pay_splits as (
    select * from {{ ref('stg_opendental__paysplit') }}
),

payment_plans as (
    select * from {{ ref('stg_opendental__payplan') }}
),

-- Charges: completed procedures at ProcFee * (UnitQty + BaseUnits) on ProcDate.
completed_procedure_charges as (
    select
        'procedurelog' as source_table,
        procedure_id as source_id,
        'procedure' as transaction_type,
        patient_id,
        provider_id,
        clinic_id,
        procedure_date as transaction_date,
        cast(procedure_fee * (unit_quantity + base_units) as decimal(15, 2)) as amount
    from procedures
    where procedure_status_code = 2
),

-- Adjustments: a positive one is a charge, a negative one a credit (its amount is already signed).
adjustment_transactions as (
    select
        'adjustment' as source_table,
        adjustment_id as source_id,
        case
            when adjustment_amount > 0 then 'positive_adjustment'
            else 'negative_adjustment'
        end as transaction_type,
        patient_id,
        provider_id,
        clinic_id,
        adjustment_date as transaction_date,
        adjustment_amount as amount
    from adjustments
    where adjustment_amount <> 0
),

-- Insurance credits: InsPayAmt + WriteOff of received, supplemental and capitation claimprocs
-- (Status 1, 4, 5, 7) on completed procedures or paid by total (no procedure), on DateCP.
-- One read of claimproc gives two transactions: the payment and, when there is one, the write-off.
insurance_claim_procedures as (
    select claim_procedures.*
    from claim_procedures
    left join procedures
        on claim_procedures.procedure_id = procedures.procedure_id
    where claim_procedures.claim_procedure_status_code in (1, 4, 5, 7)
        and (claim_procedures.procedure_id is null or procedures.procedure_status_code = 2)
),

insurance_credits as (
    select
        'claimproc' as source_table,
        claim_procedure_id as source_id,
        'insurance_payment' as transaction_type,
        patient_id,
        provider_id,
        clinic_id,
        payment_date as transaction_date,
        -insurance_paid_amount as amount
    from insurance_claim_procedures

    union all

    select
        'claimproc' as source_table,
        claim_procedure_id as source_id,
        'insurance_write_off' as transaction_type,
        patient_id,
        provider_id,
        clinic_id,
        payment_date as transaction_date,
        -write_off_amount as amount
    from insurance_claim_procedures
    where write_off_amount <> 0
),

-- Patient payments: every split on DatePay, prepayments included. A split attached to a payment
-- plan pays the plan down, not the account; the plan's CompletedAmt stands for it below.
patient_payment_credits as (
    select
        'paysplit' as source_table,
        payment_split_id as source_id,
        'patient_payment' as transaction_type,
        patient_id,
        provider_id,
        clinic_id,
        payment_date as transaction_date,
        -split_amount as amount
    from pay_splits
    where payment_plan_id is null
),

-- A payment plan moves its CompletedAmt off the account on the plan's date.
payment_plan_credits as (
    select
        'payplan' as source_table,
        payment_plan_id as source_id,
        'payment_plan' as transaction_type,
        patient_id,
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        cast(null as {{ dbt.type_bigint() }}) as clinic_id,
        plan_date as transaction_date,
        -completed_amount as amount
    from payment_plans
),

transactions as (
    select * from completed_procedure_charges
    union all
    select * from adjustment_transactions
    union all
    select * from insurance_credits
    union all
    select * from patient_payment_credits
    union all
    select * from payment_plan_credits
),

-- The direction comes from what the transaction is, not from its sign: a refund (a negative
-- split) lowers the family's credits, it is not a new charge to age.
directed as (
    select
        transactions.*,
        case
            when transactions.transaction_type in ('procedure', 'positive_adjustment') then 'charge'
            else 'credit'
        end as transaction_direction
    from transactions
),

final as (
    select
        -- ids
        {{ dbt.concat(["directed.source_table", "'-'", "directed.transaction_type", "'-'",
            dbt.cast("directed.source_id", dbt.type_string())]) }} as transaction_id,
        directed.source_table,
        directed.source_id,
        patients.guarantor_id,
        directed.patient_id,
        directed.provider_id,
        directed.clinic_id,

        -- dates
        directed.transaction_date,

        -- amounts
        cast(directed.amount as decimal(15, 2)) as amount,
        cast(case when directed.transaction_direction = 'charge' then directed.amount else 0 end
            as decimal(15, 2)) as charge_amount,
        cast(case when directed.transaction_direction = 'credit' then -directed.amount else 0 end
            as decimal(15, 2)) as credit_amount,

        -- attributes
        directed.transaction_type,
        directed.transaction_direction
    from directed
    left join patients
        on directed.patient_id = patients.patient_id
)

select * from final
