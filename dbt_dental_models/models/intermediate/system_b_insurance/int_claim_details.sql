{{ config(materialized='table') }}

with claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

claims as (
    select * from {{ ref('int_claim_tracking') }}
),

claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

-- claim lines, supplemental payments and preauthorization lines: the claimprocs on a claim
claim_lines as (
    select *
    from claim_procedures
    where claim_id is not null
),

-- OpenDental stores "not set" as -1 in its estimate and override columns: an override wins when
-- set, the computed value otherwise, and a value still at -1 becomes null so no sum counts it
effective_estimates as (
    select
        *,
        cast(
            case
                when insurance_estimate_total_override_amount <> -1 then insurance_estimate_total_override_amount
                else insurance_estimate_total_amount
            end as decimal(15, 2)
        ) as effective_insurance_estimate_total_amount,
        cast({{ od_override('write_off_estimate_override_amount', 'write_off_estimate_amount') }} as decimal(15, 2)) as effective_write_off_estimate_amount,
        cast({{ od_override('deductible_estimate_override_amount', 'deductible_estimate_amount') }} as decimal(15, 2)) as effective_deductible_estimate_amount,
        cast({{ od_override('copay_override_amount', 'copay_amount') }} as decimal(15, 2)) as effective_copay_amount,
        cast({{ od_override('paid_by_other_insurance_override_amount', 'paid_by_other_insurance_amount') }} as decimal(15, 2)) as effective_paid_by_other_insurance_amount,
        cast({{ od_override('allowed_fee_override') }} as decimal(15, 2)) as effective_allowed_fee_override,
        {{ od_override('coverage_percent_override', 'coverage_percent') }} as effective_coverage_percent
    from claim_lines
),

final as (
    select
        -- ids
        claim_lines.claim_procedure_id,
        claim_lines.claim_id,
        claim_lines.procedure_id,
        claim_lines.claim_payment_id,
        claim_lines.patient_id,
        claim_lines.provider_id,
        claim_lines.clinic_id,
        claim_lines.insurance_plan_id,
        claim_lines.insurance_subscriber_id,
        claims.carrier_id,
        procedures.procedure_code_id,
        procedure_codes.procedure_code,

        -- dates
        claim_lines.procedure_date,
        claims.service_date as claim_service_date,
        claims.first_sent_date as claim_first_sent_date,
        claims.received_date as claim_received_date,
        claim_lines.received_date as claim_procedure_received_date,
        claim_lines.payment_date,
        claim_payments.check_date,

        -- amounts
        procedures.procedure_fee,
        claim_lines.billed_fee,
        claim_lines.insurance_estimate_amount,
        claim_lines.insurance_paid_amount,
        claim_lines.write_off_amount,
        claim_lines.deductible_applied_amount,
        claim_lines.effective_insurance_estimate_total_amount,
        claim_lines.effective_write_off_estimate_amount,
        claim_lines.effective_deductible_estimate_amount,
        claim_lines.effective_copay_amount,
        claim_lines.effective_paid_by_other_insurance_amount,
        claim_lines.effective_allowed_fee_override,
        claim_lines.effective_coverage_percent,

        -- durations
        {{ dbt.datediff('claims.first_sent_date', 'claim_payments.check_date', 'day') }} as days_to_payment,
        {{ dbt.datediff('claim_lines.procedure_date', 'claim_payments.check_date', 'day') }} as days_from_procedure_to_payment,

        -- flags
        (claim_lines.claim_procedure_status_code in (1, 4)) as is_received_or_supplemental,
        (claim_lines.claim_payment_id is not null) as is_attached_to_claim_payment,
        (claim_lines.procedure_id is null) as is_by_total_payment,

        -- codes
        claim_lines.claim_procedure_status_code,
        claim_lines.claim_procedure_status,
        claims.claim_status_code,
        claims.claim_status,
        claims.lifecycle_stage as claim_lifecycle_stage,
        claims.claim_type_code,
        claims.claim_type
    from effective_estimates as claim_lines
    left join claims
        on claim_lines.claim_id = claims.claim_id
    left join procedures
        on claim_lines.procedure_id = procedures.procedure_id
    left join procedure_codes
        on procedures.procedure_code_id = procedure_codes.procedure_code_id
    left join claim_payments
        on claim_lines.claim_payment_id = claim_payments.claim_payment_id
)

select * from final
