{{ config(materialized='table') }}

{#- OpenDental's own rules: facts OpenDental keeps consistent itself, which a real database can
    still break (hand repairs, old versions, interrupted writes, imports from another system).
    One CTE per rule, each returning the rows that break it; the rule's name, what it means for
    the numbers and where to fix it in OpenDental are in this model's YAML, where each rule has
    its warning test. Every row here is also carried, flagged, by the model that holds it. -#}

with

payments as (
    select * from {{ ref('stg_opendental__payment') }}
),

pay_splits as (
    select * from {{ ref('stg_opendental__paysplit') }}
),

claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

claims as (
    select * from {{ ref('stg_opendental__claim') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

adjustments as (
    select * from {{ ref('stg_opendental__adjustment') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- The days completed work can carry: from the practice's first day (the var practice_first_day,
-- else the earliest first visit or appointment OpenDental records) to the as-of date.
practice_days as (
    select
        {%- if var('practice_first_day', none) %}
        cast('{{ var("practice_first_day") }}' as date) as first_day,
        {%- else %}
        least(
            (select min(first_visit_date) from patients),
            (select cast(min(appointment_at) as date) from appointments)
        ) as first_day,
        {%- endif %}
        {{ as_of_date() }} as last_day
),

split_totals as (
    select
        payment_id,
        sum(split_amount) as split_total_amount
    from pay_splits
    group by payment_id
),

check_totals as (
    select
        claim_payment_id,
        sum(insurance_paid_amount) as claim_procedure_total_amount
    from claim_procedures
    where claim_payment_id is not null
    group by claim_payment_id
),

-- payment.PayAmt: "Must equal the sum of the splits"; a payment "always has at least one split".
payment_splits_add_up as (
    select
        'payment_splits_add_up' as rule_name,
        'payment' as table_name,
        payments.payment_id as row_id,
        payments.patient_id
    from payments
    left join split_totals
        on payments.payment_id = split_totals.payment_id
    where split_totals.payment_id is null
        or split_totals.split_total_amount <> payments.payment_amount
),

-- paysplit.DatePay: "Date always in perfect synch with Payment date".
split_dated_with_payment as (
    select
        'split_dated_with_payment' as rule_name,
        'paysplit' as table_name,
        pay_splits.payment_split_id as row_id,
        pay_splits.patient_id
    from pay_splits
    inner join payments
        on pay_splits.payment_id = payments.payment_id
    where pay_splits.payment_date is distinct from payments.payment_date
),

-- paysplit.PayNum: "Every paysplit must be linked to a payment" (deleting a payment deletes its
-- splits).
split_payment_exists as (
    select
        'split_payment_exists' as rule_name,
        'paysplit' as table_name,
        pay_splits.payment_split_id as row_id,
        pay_splits.patient_id
    from pay_splits
    left join payments
        on pay_splits.payment_id = payments.payment_id
    where payments.payment_id is null
),

-- A split paying a procedure: OpenDental never deletes a procedure (it marks it deleted).
split_procedure_exists as (
    select
        'split_procedure_exists' as rule_name,
        'paysplit' as table_name,
        pay_splits.payment_split_id as row_id,
        pay_splits.patient_id
    from pay_splits
    left join procedures
        on pay_splits.procedure_id = procedures.procedure_id
    where pay_splits.procedure_id is not null
        and procedures.procedure_id is null
),

-- A split paying an adjustment: deleting an adjustment in bulk can leave its splits' key behind.
split_adjustment_exists as (
    select
        'split_adjustment_exists' as rule_name,
        'paysplit' as table_name,
        pay_splits.payment_split_id as row_id,
        pay_splits.patient_id
    from pay_splits
    left join adjustments
        on pay_splits.adjustment_id = adjustments.adjustment_id
    where pay_splits.adjustment_id is not null
        and adjustments.adjustment_id is null
),

-- claimpayment: "The amount of the check must always exactly equal the sum of all the claimprocs
-- attached to it." A partial check (IsPartial) is a batch payment still being entered.
claim_payment_adds_up as (
    select
        'claim_payment_adds_up' as rule_name,
        'claimpayment' as table_name,
        claim_payments.claim_payment_id as row_id,
        cast(null as bigint) as patient_id
    from claim_payments
    left join check_totals
        on claim_payments.claim_payment_id = check_totals.claim_payment_id
    where not claim_payments.is_partial
        and coalesce(check_totals.claim_procedure_total_amount, 0) <> claim_payments.check_amount
),

-- claimproc.DateCP: "Once a payment has been attached, the DateCP will exactly match the date of
-- the ClaimPayment it's attached to."
claim_procedure_dated_with_check as (
    select
        'claim_procedure_dated_with_check' as rule_name,
        'claimproc' as table_name,
        claim_procedures.claim_procedure_id as row_id,
        claim_procedures.patient_id
    from claim_procedures
    inner join claim_payments
        on claim_procedures.claim_payment_id = claim_payments.claim_payment_id
    where claim_procedures.payment_date is distinct from claim_payments.check_date
),

-- Deleting a claim payment detaches its claimprocs (ClaimPaymentNum back to 0).
claim_procedure_check_exists as (
    select
        'claim_procedure_check_exists' as rule_name,
        'claimproc' as table_name,
        claim_procedures.claim_procedure_id as row_id,
        claim_procedures.patient_id
    from claim_procedures
    left join claim_payments
        on claim_procedures.claim_payment_id = claim_payments.claim_payment_id
    where claim_procedures.claim_payment_id is not null
        and claim_payments.claim_payment_id is null
),

-- Deleting a claim deletes its claim lines or turns them back into estimates (ClaimNum 0).
claim_procedure_claim_exists as (
    select
        'claim_procedure_claim_exists' as rule_name,
        'claimproc' as table_name,
        claim_procedures.claim_procedure_id as row_id,
        claim_procedures.patient_id
    from claim_procedures
    left join claims
        on claim_procedures.claim_id = claims.claim_id
    where claim_procedures.claim_id is not null
        and claims.claim_id is null
),

-- A claim line belongs to its claim's patient (a claim is for one patient): insurance income
-- and write-offs credit the claim line's patient's family.
claim_procedure_patient_matches_claim as (
    select
        'claim_procedure_patient_matches_claim' as rule_name,
        'claimproc' as table_name,
        claim_procedures.claim_procedure_id as row_id,
        claim_procedures.patient_id
    from claim_procedures
    inner join claims
        on claim_procedures.claim_id = claims.claim_id
    where claim_procedures.patient_id is distinct from claims.patient_id
),

-- A claim line for a procedure: OpenDental never deletes a procedure.
claim_procedure_procedure_exists as (
    select
        'claim_procedure_procedure_exists' as rule_name,
        'claimproc' as table_name,
        claim_procedures.claim_procedure_id as row_id,
        claim_procedures.patient_id
    from claim_procedures
    left join procedures
        on claim_procedures.procedure_id = procedures.procedure_id
    where claim_procedures.procedure_id is not null
        and procedures.procedure_id is null
),

-- Completed work (ProcStatus 2) is dated on a day the practice worked: not before its first day,
-- not after the as-of date, never OpenDental's "no date".
completed_procedure_within_practice_days as (
    select
        'completed_procedure_within_practice_days' as rule_name,
        'procedurelog' as table_name,
        procedures.procedure_id as row_id,
        procedures.patient_id
    from procedures
    cross join practice_days
    where procedures.procedure_status_code = 2
        and (
            procedures.procedure_date is null
            or procedures.procedure_date < practice_days.first_day
            or procedures.procedure_date > practice_days.last_day
        )
),

-- A completed appointment (AptStatus 2) is a visit on a day the practice worked, like the
-- work done in it.
completed_appointment_within_practice_days as (
    select
        'completed_appointment_within_practice_days' as rule_name,
        'appointment' as table_name,
        appointments.appointment_id as row_id,
        appointments.patient_id
    from appointments
    cross join practice_days
    where appointments.appointment_status_code = 2
        and (
            appointments.appointment_at is null
            or cast(appointments.appointment_at as date) < practice_days.first_day
            or cast(appointments.appointment_at as date) > practice_days.last_day
        )
),

-- A procedure's fee is what the practice charges for it: never below zero (a discount is an
-- adjustment or a write-off, not a negative fee).
procedure_fee_not_negative as (
    select
        'procedure_fee_not_negative' as rule_name,
        'procedurelog' as table_name,
        procedure_id as row_id,
        patient_id
    from procedures
    where procedure_fee < 0
),

-- Deleting an appointment detaches its procedures (AptNum back to 0).
procedure_appointment_exists as (
    select
        'procedure_appointment_exists' as rule_name,
        'procedurelog' as table_name,
        procedures.procedure_id as row_id,
        procedures.patient_id
    from procedures
    left join appointments
        on procedures.appointment_id = appointments.appointment_id
    where procedures.appointment_id is not null
        and appointments.appointment_id is null
),

-- An adjustment's type decides its sign: OpenDental saves the amount of a "+" type positive and
-- of a "-" type negative (adjustment types, definition category 1).
adjustment_sign_matches_type as (
    select
        'adjustment_sign_matches_type' as rule_name,
        'adjustment' as table_name,
        adjustments.adjustment_id as row_id,
        adjustments.patient_id
    from adjustments
    inner join definitions
        on adjustments.adjustment_type_definition_id = definitions.definition_id
        and definitions.category_code = 1
    where (definitions.item_value = '+' and adjustments.adjustment_amount < 0)
        or (definitions.item_value = '-' and adjustments.adjustment_amount > 0)
),

-- An adjustment attached to a procedure: OpenDental never deletes a procedure.
adjustment_procedure_exists as (
    select
        'adjustment_procedure_exists' as rule_name,
        'adjustment' as table_name,
        adjustments.adjustment_id as row_id,
        adjustments.patient_id
    from adjustments
    left join procedures
        on adjustments.procedure_id = procedures.procedure_id
    where adjustments.procedure_id is not null
        and procedures.procedure_id is null
),

unioned as (
    select * from payment_splits_add_up
    union all
    select * from split_dated_with_payment
    union all
    select * from split_payment_exists
    union all
    select * from split_procedure_exists
    union all
    select * from split_adjustment_exists
    union all
    select * from claim_payment_adds_up
    union all
    select * from claim_procedure_dated_with_check
    union all
    select * from claim_procedure_check_exists
    union all
    select * from claim_procedure_claim_exists
    union all
    select * from claim_procedure_patient_matches_claim
    union all
    select * from claim_procedure_procedure_exists
    union all
    select * from completed_procedure_within_practice_days
    union all
    select * from completed_appointment_within_practice_days
    union all
    select * from procedure_fee_not_negative
    union all
    select * from procedure_appointment_exists
    union all
    select * from adjustment_sign_matches_type
    union all
    select * from adjustment_procedure_exists
),

final as (
    select
        cast(rule_name as {{ dbt.type_string() }}) as rule_name,
        cast(table_name as {{ dbt.type_string() }}) as table_name,
        cast(row_id as bigint) as row_id,
        cast(patient_id as bigint) as patient_id
    from unioned
)

select * from final
