{{ config(indexes=api_date_index('activity_date')) }}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

adjustments as (
    select * from {{ ref('int_adjustments') }}
),

claim_procedures as (
    select * from {{ ref('int_claim_details') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

patient_payments as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

-- Production: completed procedures by ProcDate, valued ProcFee * (UnitQty + BaseUnits) less the
-- procedure's capitation write-offs (int_procedure_complete.production_amount).
production_transactions as (
    select
        procedure_date as activity_date,
        provider_id,
        clinic_id,
        production_amount,
        cast(0 as decimal(15, 2)) as adjustment_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount
    from completed_procedures
),

-- Adjustments: every adjustment by AdjDate, every type, either sign.
adjustment_transactions as (
    select
        adjustment_date as activity_date,
        provider_id,
        clinic_id,
        cast(0 as decimal(15, 2)) as production_amount,
        adjustment_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount
    from adjustments
),

-- Write-offs (OpenDental's insurance-pay-date option): WriteOff of received (1) and supplemental
-- (4) claimprocs by the claimproc's own payment date, DateCP. Capitation write-offs (status 7)
-- are already out of production and are not counted again here.
write_off_transactions as (
    select
        payment_date as activity_date,
        provider_id,
        clinic_id,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as adjustment_amount,
        write_off_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount
    from claim_procedures
    where is_received_or_supplemental
),

-- Patient income: pay splits by DatePay, discounts and unearned (prepayment) splits left out.
patient_income_transactions as (
    select
        payment_date as activity_date,
        provider_id,
        clinic_id,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as adjustment_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount
    from patient_payments
    where is_patient_income
),

-- Insurance income: InsPayAmt of claimprocs attached to a claim payment, by the claim payment's
-- CheckDate. A claimproc not yet on a claim payment is not in int_insurance_payment_allocated.
insurance_income_transactions as (
    select
        income_date as activity_date,
        provider_id,
        clinic_id,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as adjustment_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        insurance_paid_amount as insurance_income_amount
    from insurance_payments
),

all_transactions as (
    select * from production_transactions
    union all
    select * from adjustment_transactions
    union all
    select * from write_off_transactions
    union all
    select * from patient_income_transactions
    union all
    select * from insurance_income_transactions
),

-- Undated rows cannot be placed on a day; rows dated after the as-of date are not history yet.
dated_transactions as (
    select *
    from all_transactions
    where activity_date is not null
        and activity_date <= {{ as_of_date() }}
),

daily_totals as (
    select
        activity_date,
        provider_id,
        clinic_id,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(adjustment_amount) as decimal(15, 2)) as adjustment_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount,
        cast(sum(insurance_income_amount) as decimal(15, 2)) as insurance_income_amount
    from dated_transactions
    group by activity_date, provider_id, clinic_id
),

daily_net_amounts as (
    select
        *,
        cast(production_amount + adjustment_amount - write_off_amount as decimal(15, 2))
            as net_production_amount,
        cast(patient_income_amount + insurance_income_amount as decimal(15, 2))
            as collections_amount
    from daily_totals
),

final as (
    select
        -- grain
        activity_date,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start_date,
        provider_id,
        clinic_id,

        -- production
        production_amount,
        adjustment_amount,
        write_off_amount,
        net_production_amount,

        -- income
        patient_income_amount,
        insurance_income_amount,
        collections_amount,

        -- balance (the collection rate is collections_amount / net_production_amount summed over
        -- the period asked: a ratio per day, provider and clinic means little and never sums)
        cast(net_production_amount - collections_amount as decimal(15, 2))
            as uncollected_production_amount
    from daily_net_amounts
)

select * from final
