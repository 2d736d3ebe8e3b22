{#- Raw-layer computations that the reconciliation and KPI tests (tests/singular) share,
    written from DESIGN.md's definitions straight over the raw tables, never from the models. -#}

{#- OpenDental's five money streams, one row per raw row: measure (production, adjustments,
    write_offs, patient_income, insurance_income), activity_date (the day the report counts it),
    amount (cents exact). Undated (0001-01-01) and future rows are kept: callers filter. -#}
{% macro raw_money_streams() -%}
with

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

raw_procedure_production as (
    {{ raw_procedure_production() }}
),

-- Production: ProcFee * (UnitQty + BaseUnits) of completed procedures (ProcStatus 2) by ProcDate,
-- less the capitation write-offs of those procedures (raw_procedure_production).
raw_production as (
    select
        'production' as measure,
        procdate as activity_date,
        production_amount as amount
    from raw_procedure_production
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


{#- OpenDental's production, one row per completed procedure (ProcStatus 2): procnum, patnum,
    provider_id (the procedure's ProvNum), procdate, production_amount (ProcFee * (UnitQty +
    BaseUnits) less the procedure's capitation write-offs, claimproc Status 7; cents exact).
    Undated (0001-01-01) and future procedures are kept: callers filter. -#}
{% macro raw_procedure_production() -%}
with

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_claim_procedures as (
    select * from {{ source('opendental', 'claimproc') }}
),

-- Capitation write-offs (claimproc Status 7) per procedure, to take out of its production.
raw_capitation_write_offs as (
    select
        procnum,
        sum(cast(writeoff as decimal(15, 2))) as capitation_write_off_amount
    from raw_claim_procedures
    where status = 7
    group by procnum
)

select
    raw_procedures.procnum,
    raw_procedures.patnum,
    raw_procedures.provnum as provider_id,
    raw_procedures.procdate,
    cast(raw_procedures.procfee as decimal(15, 2)) * (raw_procedures.unitqty + raw_procedures.baseunits)
        - coalesce(raw_capitation_write_offs.capitation_write_off_amount, 0) as production_amount
from raw_procedures
left join raw_capitation_write_offs
    on raw_procedures.procnum = raw_capitation_write_offs.procnum
where raw_procedures.procstatus = 2
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


{#- A patient's visit days, one row per patient and day: patnum, visit_date. A visit is a day with
    a completed procedure (ProcStatus 2) that is not a broken-appointment charge (the procedurecode
    ProcCodes of var('broken_appointment_procedure_codes'), D9986/D9987), with a real date (after
    0001-01-01) and patient (PatNum <> 0). Future days are kept: callers filter. -#}
{% macro raw_visit_days() -%}
with

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
)

select distinct
    raw_procedures.patnum,
    raw_procedures.procdate as visit_date
from raw_procedures
left join raw_procedure_codes
    on raw_procedures.codenum = raw_procedure_codes.codenum
where raw_procedures.procstatus = 2
  and raw_procedures.patnum <> 0
  and raw_procedures.procdate > cast('0001-01-01' as date)
  and coalesce(raw_procedure_codes.proccode, '') not in (
      {%- for code in var('broken_appointment_procedure_codes') %}
      '{{ code }}'{{ ',' if not loop.last }}
      {%- endfor %}
  )
{%- endmacro %}


{#- New patients, one row per patient who ever had a visit (raw_visit_days): patnum,
    first_visit_date, their first visit day (DESIGN.md: a new patient of the month of their first
    completed procedure, broken-appointment charges not counting). Not cut at the as-of date. -#}
{% macro raw_first_visits() -%}
with

visit_days as (
    {{ raw_visit_days() }}
)

select
    patnum,
    min(visit_date) as first_visit_date
from visit_days
group by patnum
{%- endmacro %}


{#- Retention by month, one row per month with patients followed: month_start, followed_patients,
    returned_within_window and returned_within_long_window (those whose first visit day after the
    followed one, raw_visit_days, falls on or before the same day var('retention_window_months') /
    var('retention_long_window_months') months later), is_window_complete and
    is_long_window_complete (a patient followed from the month's last day has had the whole window
    by the as-of date). cohort 'new_patients': each patient followed from their first visit
    (raw_first_visits), by its month; cohort 'patients_seen': each patient seen in a month up to
    the as-of date followed from their last visit of the month. -#}
{% macro raw_retention_months(cohort) -%}
{%- set window_months = var('retention_window_months') -%}
{%- set long_window_months = var('retention_long_window_months') -%}
with

visit_days as (
    {{ raw_visit_days() }}
),

{% if cohort == 'new_patients' -%}
first_visits as (
    {{ raw_first_visits() }}
),

followed_visits as (
    select
        patnum,
        cast({{ dbt.date_trunc('month', 'first_visit_date') }} as date) as month_start,
        first_visit_date as followed_visit_date
    from first_visits
),
{%- elif cohort == 'patients_seen' -%}
followed_visits as (
    select
        patnum,
        cast({{ dbt.date_trunc('month', 'visit_date') }} as date) as month_start,
        max(visit_date) as followed_visit_date
    from visit_days
    where visit_date <= {{ as_of_date() }}
    group by patnum, cast({{ dbt.date_trunc('month', 'visit_date') }} as date)
),
{%- else -%}
{{ exceptions.raise_compiler_error("raw_retention_months: cohort must be 'new_patients' or 'patients_seen', not '" ~ cohort ~ "'") }}
{%- endif %}

first_returns as (
    select
        followed_visits.patnum,
        followed_visits.month_start,
        followed_visits.followed_visit_date,
        min(later_visits.visit_date) as return_date
    from followed_visits
    left join visit_days as later_visits
        on followed_visits.patnum = later_visits.patnum
        and later_visits.visit_date > followed_visits.followed_visit_date
    group by followed_visits.patnum, followed_visits.month_start, followed_visits.followed_visit_date
),

by_month as (
    select
        month_start,
        cast(count(*) as bigint) as followed_patients,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', window_months, 'followed_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_window,
        cast(sum(case
            when return_date <= cast({{ dbt.dateadd('month', long_window_months, 'followed_visit_date') }} as date) then 1
            else 0
        end) as bigint) as returned_within_long_window
    from first_returns
    group by month_start
)

select
    by_month.*,
    (cast({{ dbt.dateadd('month', window_months, dbt.last_day('month_start', 'month')) }} as date)
        <= {{ as_of_date() }}) as is_window_complete,
    (cast({{ dbt.dateadd('month', long_window_months, dbt.last_day('month_start', 'month')) }} as date)
        <= {{ as_of_date() }}) as is_long_window_complete
from by_month
{%- endmacro %}


{#- Hygiene visits, one row per patient and day up to the as-of date with a completed procedure
    (ProcStatus 2, real date and patient) of the hygiene codes of var('hygiene_visit_procedure_codes')
    (D1110, D1120, D4341, D4342, D4910): patnum, visit_date, is_perio (1 when at least one of
    the day's procedures has a code the var marks periodontal, D4341/D4342/D4910, else 0). -#}
{% macro raw_hygiene_visits() -%}
{%- set hygiene_codes = [] -%}
{%- set periodontal_codes = [] -%}
{%- for code, kind in var('hygiene_visit_procedure_codes').items() -%}
    {%- do hygiene_codes.append("'" ~ code ~ "'") -%}
    {%- if kind == 'periodontal' -%}
        {%- do periodontal_codes.append("'" ~ code ~ "'") -%}
    {%- endif -%}
{%- endfor -%}
with

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

hygiene_procedures as (
    select
        raw_procedures.patnum,
        raw_procedures.procdate,
        raw_procedure_codes.proccode
    from raw_procedures
    inner join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.procstatus = 2
      and raw_procedures.patnum <> 0
      and raw_procedures.procdate > cast('0001-01-01' as date)
      and raw_procedures.procdate <= {{ as_of_date() }}
      and raw_procedure_codes.proccode in ({{ hygiene_codes | join(', ') }})
)

select
    patnum,
    procdate as visit_date,
    max(case when proccode in ({{ periodontal_codes | join(', ') }}) then 1 else 0 end) as is_perio
from hygiene_procedures
group by patnum, procdate
{%- endmacro %}


{#- Appointments booked for a day, one row per appointment whose AptStatus is one of statuses
    (1 scheduled, 2 complete, 3 on the unscheduled list, 5 broken) and whose AptDateTime is real
    (after 1880-01-01): aptnum, patnum, aptstatus, aptdatetime, appointment_date, month_start,
    chair_provider_id (whose chair time it books: the hygienist, ProvHyg, for a hygiene appointment
    that has one, else ProvNum), booked_minutes (5 per character of Pattern) and stamped_at
    (DateTStamp, null when not recorded). Future appointments are kept: callers filter. -#}
{% macro raw_booked_appointments(statuses) -%}
with

raw_appointments as (
    select * from {{ source('opendental', 'appointment') }}
)

select
    aptnum,
    patnum,
    aptstatus,
    aptdatetime,
    cast(aptdatetime as date) as appointment_date,
    cast({{ dbt.date_trunc('month', 'aptdatetime') }} as date) as month_start,
    case when ishygiene = 1 and provhyg <> 0 then provhyg else provnum end as chair_provider_id,
    cast({{ dbt.length('pattern') }} * 5 as decimal(12, 2)) as booked_minutes,
    case when datetstamp > cast('1880-01-01' as timestamp) then datetstamp end as stamped_at
from raw_appointments
where aptstatus in ({{ statuses | join(', ') }})
  and aptdatetime > cast('1880-01-01' as timestamp)
{%- endmacro %}


{#- Claims, one row per claim with its plan's carrier (insplan): claimnum, carrier_id, claimstatus,
    inspayest, inspayamt, entered_date (SecDateEntry), first_sent_on (its earliest send:
    DateSentOrig, DateSent or a claim-send etrans) and last_sent_on (its latest send: DateSent,
    DateResent or a claim-send etrans); a send date is null when none is recorded (after
    1880-01-01). Claim-send etrans types: ClaimSent, ClaimPrinted, Claim_CA, Claim_Ren,
    ClaimCOB_CA, Claim_Ramq. Preauthorizations are left out: they bill nothing. -#}
{% macro raw_claims() -%}
{%- set claim_send_etypes = [0, 1, 2, 3, 13, 30] -%}
with

raw_claim_rows as (
    select * from {{ source('opendental', 'claim') }}
),

raw_plans as (
    select * from {{ source('opendental', 'insplan') }}
),

raw_etrans as (
    select * from {{ source('opendental', 'etrans') }}
),

-- Every recorded send of a claim: its own sent dates and its claim-send transactions.
claim_send_dates as (
    select claimnum, 'original' as send_kind, datesentorig as sent_on from raw_claim_rows
    union all
    select claimnum, 'sent', datesent from raw_claim_rows
    union all
    select claimnum, 'resent', dateresent from raw_claim_rows
    union all
    select claimnum, 'etrans', cast(datetimetrans as date)
    from raw_etrans
    where claimnum <> 0
      and etype in ({{ claim_send_etypes | join(', ') }})
),

send_spans as (
    select
        claimnum,
        min(case when send_kind <> 'resent' then sent_on end) as first_sent_on,
        max(case when send_kind <> 'original' then sent_on end) as last_sent_on
    from claim_send_dates
    where sent_on > cast('1880-01-01' as date)
    group by claimnum
)

select
    raw_claim_rows.claimnum,
    raw_plans.carriernum as carrier_id,
    raw_claim_rows.claimstatus,
    raw_claim_rows.inspayest,
    raw_claim_rows.inspayamt,
    cast(raw_claim_rows.secdateentry as date) as entered_date,
    send_spans.first_sent_on,
    send_spans.last_sent_on
from raw_claim_rows
inner join raw_plans
    on raw_claim_rows.plannum = raw_plans.plannum
left join send_spans
    on raw_claim_rows.claimnum = send_spans.claimnum
-- Claims that bill: a preauthorization's InsPayAmt is the carrier's answer, not a payment.
where coalesce(raw_claim_rows.claimtype, '') <> 'PreAuth'
{%- endmacro %}
