with

claims as (
    select * from {{ ref('int_claim_tracking') }}
),

claim_procedures as (
    select * from {{ ref('int_claim_details') }}
),

claim_procedure_counts as (
    select
        claim_id,
        cast(count(*) as bigint) as claim_procedure_count,
        cast(sum(case when insurance_paid_amount > 0 then 1 else 0 end) as bigint)
            as paid_claim_procedure_count
    from claim_procedures
    group by claim_id
),

-- The claim's outcome from its status letter and what it was paid: a claim not yet received (R)
-- is pending; a received claim with nothing paid was denied when a payment was expected
-- (int_claim_tracking.is_denied), else nothing was expected of it (a secondary after a primary
-- that paid in full); one paid at least its estimate was paid in full, one paid something but
-- less than its estimate was paid partially.
claim_outcomes as (
    select
        claims.*,
        coalesce(claim_procedure_counts.claim_procedure_count, 0) as claim_procedure_count,
        coalesce(claim_procedure_counts.paid_claim_procedure_count, 0) as paid_claim_procedure_count,
        case
            when claims.claim_status_code <> 'R' then 'pending'
            when claims.is_denied then 'denied'
            when claims.insurance_paid_amount <= 0 then 'no_payment_expected'
            when claims.insurance_paid_amount >= claims.insurance_estimate_amount then 'paid_in_full'
            else 'paid_partially'
        end as claim_outcome
    from claims
    left join claim_procedure_counts
        on claims.claim_id = claim_procedure_counts.claim_id
),

final as (
    select
        -- ids
        claim_id,
        patient_id,
        insurance_plan_id,
        insurance_subscriber_id,
        carrier_id,
        clinic_id,
        treating_provider_id,
        billing_provider_id,

        -- dates
        service_date,
        created_date,
        first_sent_date,
        received_date,
        first_paid_date,
        last_paid_date,

        -- status
        claim_status_code,
        claim_status,
        lifecycle_stage,
        claim_type_code,
        claim_type,
        claim_outcome,

        -- amounts
        cast(claim_fee as decimal(15, 2)) as claim_fee,
        cast(insurance_estimate_amount as decimal(15, 2)) as insurance_estimate_amount,
        cast(insurance_paid_amount as decimal(15, 2)) as insurance_paid_amount,
        cast(write_off_amount as decimal(15, 2)) as write_off_amount,
        cast(deductible_applied_amount as decimal(15, 2)) as deductible_applied_amount,

        -- durations (days)
        cast(days_created_to_sent as integer) as days_created_to_sent,
        cast(days_sent_to_received as integer) as days_sent_to_received,
        cast(days_received_to_paid as integer) as days_received_to_paid,
        cast(days_sent_to_paid as integer) as days_sent_to_paid,
        cast(days_created_to_paid as integer) as days_created_to_paid,

        -- counts
        cast(claim_procedure_count as bigint) as claim_procedure_count,
        cast(paid_claim_procedure_count as bigint) as paid_claim_procedure_count,
        cast(claim_payment_count as bigint) as claim_payment_count,

        -- flags
        is_open,
        is_outstanding
    from claim_outcomes
)

select * from final
