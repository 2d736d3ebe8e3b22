with claim_snapshots as (
    select * from {{ ref('stg_opendental__claimsnapshot') }}
),

claim_details as (
    select * from {{ ref('int_claim_details') }}
),

-- supplemental payments come as their own claim procedures, on the same procedure and claim
supplemental_payments as (
    select
        claim_id,
        procedure_id,
        sum(insurance_paid_amount) as supplemental_paid_amount,
        sum(write_off_amount) as supplemental_write_off_amount
    from claim_details
    where claim_procedure_status_code = 4
      and procedure_id is not null
    group by claim_id, procedure_id
),

snapshots_with_current_state as (
    select
        claim_snapshots.*,
        claim_details.claim_procedure_id as current_claim_procedure_id,
        claim_details.claim_id,
        claim_details.patient_id,
        claim_details.carrier_id,
        claim_details.claim_procedure_status_code,
        claim_details.claim_procedure_status,
        claim_details.claim_status_code,
        claim_details.claim_status,
        claim_details.claim_lifecycle_stage,
        claim_details.insurance_estimate_amount as current_insurance_estimate_amount,
        claim_details.check_date,
        cast(
            case
                when claim_details.claim_procedure_status_code = 1
                    then claim_details.insurance_paid_amount
                        + coalesce(supplemental_payments.supplemental_paid_amount, 0)
            end as decimal(15, 2)
        ) as paid_amount,
        cast(
            case
                when claim_details.claim_procedure_status_code = 1
                    then claim_details.write_off_amount
                        + coalesce(supplemental_payments.supplemental_write_off_amount, 0)
            end as decimal(15, 2)
        ) as paid_write_off_amount
    from claim_snapshots
    left join claim_details
        on claim_snapshots.claim_procedure_id = claim_details.claim_procedure_id
    left join supplemental_payments
        on claim_details.claim_id = supplemental_payments.claim_id
        and claim_details.procedure_id = supplemental_payments.procedure_id
),

final as (
    select
        -- ids
        claim_snapshot_id,
        claim_procedure_id,
        procedure_id,
        claim_id,
        patient_id,
        carrier_id,

        -- dates
        created_at,
        cast(created_at as date) as snapshot_date,
        check_date,

        -- amounts at the snapshot
        procedure_fee as snapshot_procedure_fee,
        insurance_estimate_amount as snapshot_insurance_estimate_amount,
        write_off_amount as snapshot_write_off_amount,

        -- amounts now
        current_insurance_estimate_amount,
        paid_amount,
        paid_write_off_amount,
        cast(paid_amount - insurance_estimate_amount as decimal(15, 2)) as paid_minus_estimate_amount,
        cast(paid_write_off_amount - write_off_amount as decimal(15, 2)) as write_off_change_amount,

        -- codes
        claim_type_code,
        claim_type,
        snapshot_trigger_code,
        snapshot_trigger,
        claim_procedure_status_code,
        claim_procedure_status,
        claim_status_code,
        claim_status,
        claim_lifecycle_stage,
        case
            when current_claim_procedure_id is null then 'claim_procedure_deleted'
            when paid_amount is null then 'not_yet_paid'
            when paid_amount = insurance_estimate_amount then 'paid_as_estimated'
            when paid_amount > insurance_estimate_amount then 'paid_more_than_estimated'
            else 'paid_less_than_estimated'
        end as payment_vs_estimate
    from snapshots_with_current_state
)

select * from final
