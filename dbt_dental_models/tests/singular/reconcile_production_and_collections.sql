{#- Reconciliation: mart_production_summary's five money streams against the raw OpenDental
    tables, written from DESIGN.md's definitions (not from the models' SQL). Whole history and
    month by month, to the cent. One row per disagreement: measure, month (null for the whole
    history), the mart's amount and the raw amount. -#}

with

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_claim_procedures as (
    select * from {{ source('opendental', 'claimproc') }}
),

raw_claim_payments as (
    select * from {{ source('opendental', 'claimpayment') }}
),

raw_adjustments as (
    select * from {{ source('opendental', 'adjustment') }}
),

raw_pay_splits as (
    select * from {{ source('opendental', 'paysplit') }}
),

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

-- Capitation write-offs (claimproc Status 7) per procedure, to take out of its production.
raw_capitation_write_offs as (
    select
        procnum,
        sum(cast(writeoff as decimal(15, 2))) as capitation_write_off_amount
    from raw_claim_procedures
    where status = 7
    group by procnum
),

-- Production: ProcFee * (UnitQty + BaseUnits) of completed procedures (ProcStatus 2) by ProcDate,
-- less the capitation write-offs of those procedures.
raw_production as (
    select
        'production' as measure,
        raw_procedures.procdate as activity_date,
        cast(raw_procedures.procfee as decimal(15, 2)) * (raw_procedures.unitqty + raw_procedures.baseunits)
            - coalesce(raw_capitation_write_offs.capitation_write_off_amount, 0) as amount
    from raw_procedures
    left join raw_capitation_write_offs
        on raw_procedures.procnum = raw_capitation_write_offs.procnum
    where raw_procedures.procstatus = 2
),

-- Adjustments: AdjAmt by AdjDate, every type, either sign.
raw_adjustment_amounts as (
    select
        'adjustments' as measure,
        adjdate as activity_date,
        cast(adjamt as decimal(15, 2)) as amount
    from raw_adjustments
),

-- Write-offs: WriteOff of received (1) and supplemental (4) claimprocs by DateCP.
raw_write_offs as (
    select
        'write_offs' as measure,
        datecp as activity_date,
        cast(writeoff as decimal(15, 2)) as amount
    from raw_claim_procedures
    where status in (1, 4)
),

-- Patient income: SplitAmt by DatePay, IsDiscount = 0 and UnearnedType = 0.
raw_patient_income as (
    select
        'patient_income' as measure,
        datepay as activity_date,
        cast(splitamt as decimal(15, 2)) as amount
    from raw_pay_splits
    where isdiscount = 0
        and unearnedtype = 0
),

-- Insurance income: InsPayAmt of claimprocs on a claim payment (ClaimPaymentNum <> 0), by the
-- claim payment's CheckDate.
raw_insurance_income as (
    select
        'insurance_income' as measure,
        raw_claim_payments.checkdate as activity_date,
        cast(raw_claim_procedures.inspayamt as decimal(15, 2)) as amount
    from raw_claim_procedures
    inner join raw_claim_payments
        on raw_claim_procedures.claimpaymentnum = raw_claim_payments.claimpaymentnum
    where raw_claim_procedures.claimpaymentnum <> 0
),

raw_amounts as (
    select * from raw_production
    union all
    select * from raw_adjustment_amounts
    union all
    select * from raw_write_offs
    union all
    select * from raw_patient_income
    union all
    select * from raw_insurance_income
),

-- OpenDental's "no date" (0001-01-01) is not a day a report shows; the mart ends at the as-of date.
raw_dated_amounts as (
    select
        measure,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start_date,
        amount
    from raw_amounts
    where activity_date > cast('1880-01-01' as date)
        and activity_date <= {{ as_of_date() }}
),

mart_amounts as (
    select 'production' as measure, month_start_date, production_amount as amount from production_summary
    union all
    select 'adjustments' as measure, month_start_date, adjustment_amount as amount from production_summary
    union all
    select 'write_offs' as measure, month_start_date, write_off_amount as amount from production_summary
    union all
    select 'patient_income' as measure, month_start_date, patient_income_amount as amount from production_summary
    union all
    select 'insurance_income' as measure, month_start_date, insurance_income_amount as amount from production_summary
),

raw_monthly as (
    select measure, month_start_date, sum(amount) as amount
    from raw_dated_amounts
    group by measure, month_start_date
),

mart_monthly as (
    select measure, month_start_date, sum(amount) as amount
    from mart_amounts
    group by measure, month_start_date
),

raw_whole_history as (
    select measure, sum(amount) as amount
    from raw_dated_amounts
    group by measure
),

mart_whole_history as (
    select measure, sum(amount) as amount
    from mart_amounts
    group by measure
),

monthly_comparison as (
    select
        coalesce(mart_monthly.measure, raw_monthly.measure) as measure,
        coalesce(mart_monthly.month_start_date, raw_monthly.month_start_date) as month_start_date,
        mart_monthly.amount as mart_amount,
        raw_monthly.amount as raw_amount
    from mart_monthly
    full outer join raw_monthly
        on mart_monthly.measure = raw_monthly.measure
        and mart_monthly.month_start_date = raw_monthly.month_start_date
),

whole_history_comparison as (
    select
        coalesce(mart_whole_history.measure, raw_whole_history.measure) as measure,
        cast(null as date) as month_start_date,
        mart_whole_history.amount as mart_amount,
        raw_whole_history.amount as raw_amount
    from mart_whole_history
    full outer join raw_whole_history
        on mart_whole_history.measure = raw_whole_history.measure
),

final as (
    select * from whole_history_comparison
    union all
    select * from monthly_comparison
)

select *
from final
where coalesce(mart_amount, 0) <> coalesce(raw_amount, 0)
