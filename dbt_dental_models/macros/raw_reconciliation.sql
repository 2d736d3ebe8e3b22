{#- Raw-layer computations that the reconciliation and KPI tests (tests/singular) share,
    written from DESIGN.md's definitions straight over the raw tables, never from the models. -#}

{#- OpenDental's five money streams, one row per raw row: measure (production, adjustments,
    write_offs, patient_income, insurance_income), activity_date (the day the report counts it),
    amount (cents exact). Undated (0001-01-01) and future rows are kept: callers filter. -#}
{% macro raw_money_streams() -%}
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
)

select * from raw_production
union all
select * from raw_adjustment_amounts
union all
select * from raw_write_offs
union all
select * from raw_patient_income
union all
select * from raw_insurance_income
{%- endmacro %}


{#- Every dated ledger line of every family, up to the as-of date, cents exact (DESIGN.md's A/R
    rule): guarantor_id, entry_date, amount (> 0 a charge, < 0 a credit) and direction. -#}
{% macro raw_family_ledger() -%}
with

patients as (
    select * from {{ source('opendental', 'patient') }}
),

procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

adjustments as (
    select * from {{ source('opendental', 'adjustment') }}
),

claimprocs as (
    select * from {{ source('opendental', 'claimproc') }}
),

paysplits as (
    select * from {{ source('opendental', 'paysplit') }}
),

payplans as (
    select * from {{ source('opendental', 'payplan') }}
),

-- Every ledger line of a patient, cents exact: amount > 0 is a charge, amount < 0 a credit.
ledger as (
    -- charges: completed procedures, ProcFee * (UnitQty + BaseUnits) on ProcDate
    select
        patnum,
        procdate as entry_date,
        cast(procfee as decimal(15, 2)) * (unitqty + baseunits) as amount,
        'charge' as direction
    from procedures
    where procstatus = 2

    union all

    -- adjustments on AdjDate: positive ones are charges, negative ones credits
    select
        patnum,
        adjdate as entry_date,
        cast(adjamt as decimal(15, 2)) as amount,
        case when adjamt > 0 then 'charge' else 'credit' end as direction
    from adjustments
    where adjamt <> 0

    union all

    -- insurance paid and written off on DateCP: received, supplemental, cap claim, cap complete,
    -- on a completed procedure or paid by total (ProcNum 0)
    select
        claimprocs.patnum,
        claimprocs.datecp as entry_date,
        -(cast(claimprocs.inspayamt as decimal(15, 2)) + cast(claimprocs.writeoff as decimal(15, 2))) as amount,
        'credit' as direction
    from claimprocs
    left join procedures
        on claimprocs.procnum = procedures.procnum
    where claimprocs.status in (1, 4, 5, 7)
        and (claimprocs.procnum = 0 or procedures.procstatus = 2)

    union all

    -- patient pay splits on DatePay, prepayments included, except splits to a payment plan
    select
        patnum,
        datepay as entry_date,
        -cast(splitamt as decimal(15, 2)) as amount,
        'credit' as direction
    from paysplits
    where payplannum = 0

    union all

    -- a payment plan takes its CompletedAmt off the account on PayPlanDate
    select
        patnum,
        payplandate as entry_date,
        -cast(completedamt as decimal(15, 2)) as amount,
        'credit' as direction
    from payplans
)

-- OpenDental's "no date" (0001-01-01) cannot be aged and counts on no snapshot.
select
    patients.guarantor as guarantor_id,
    ledger.entry_date,
    ledger.amount,
    ledger.direction
from ledger
inner join patients
    on ledger.patnum = patients.patnum
where ledger.entry_date >= cast('1880-01-01' as date)
    and ledger.entry_date <= {{ as_of_date() }}
{%- endmacro %}
