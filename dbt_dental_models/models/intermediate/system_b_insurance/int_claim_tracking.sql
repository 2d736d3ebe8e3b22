{{ config(materialized='table') }}

{#- Etrans types that send a claim to a carrier: electronic (X12 and CDAnet), printed on paper,
    renaissance and RAMQ. Acknowledgements, ERAs and eligibility checks are not sends. -#}
{%- set claim_send_types = ['claim_sent', 'claim_printed', 'claim_ca', 'claim_ren', 'claim_cob_ca', 'claim_ramq'] -%}

with claims as (
    select * from {{ ref('stg_opendental__claim') }}
),

electronic_transactions as (
    select * from {{ ref('stg_opendental__etrans') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

claim_payments as (
    select * from {{ ref('stg_opendental__claimpayment') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

claim_sends as (
    select
        claim_id,
        min(cast(transaction_at as date)) as first_transaction_sent_date,
        max(cast(transaction_at as date)) as last_transaction_sent_date,
        count(*) as send_count,
        count(case when acknowledgement_code = 'R' then 1 end) as rejected_send_count
    from electronic_transactions
    where claim_id is not null
      and transaction_type in ('{{ claim_send_types | join("', '") }}')
    group by claim_id
),

claim_payment_dates as (
    select
        claim_procedures.claim_id,
        min(claim_payments.check_date) as first_paid_date,
        max(claim_payments.check_date) as last_paid_date,
        count(distinct claim_procedures.claim_payment_id) as claim_payment_count
    from claim_procedures
    inner join claim_payments
        on claim_procedures.claim_payment_id = claim_payments.claim_payment_id
    where claim_procedures.claim_id is not null
    group by claim_procedures.claim_id
),

claims_with_events as (
    select
        claims.*,
        insurance_plans.carrier_id,
        claim_sends.first_transaction_sent_date,
        claim_sends.last_transaction_sent_date,
        coalesce(claim_sends.send_count, 0) as send_count,
        coalesce(claim_sends.rejected_send_count, 0) as rejected_send_count,
        claim_payment_dates.first_paid_date,
        claim_payment_dates.last_paid_date,
        coalesce(claim_payment_dates.claim_payment_count, 0) as claim_payment_count
    from claims
    left join insurance_plans
        on claims.insurance_plan_id = insurance_plans.insurance_plan_id
    left join claim_sends
        on claims.claim_id = claim_sends.claim_id
    left join claim_payment_dates
        on claims.claim_id = claim_payment_dates.claim_id
),

-- the earliest and latest send, from the transactions and the claim's own dates (least/greatest
-- over coalesced arguments, so a missing date never hides the others on any engine)
sent_dates as (
    select
        *,
        least(
            coalesce(first_transaction_sent_date, first_sent_date, sent_date),
            coalesce(first_sent_date, sent_date, first_transaction_sent_date),
            coalesce(sent_date, first_transaction_sent_date, first_sent_date)
        ) as lifecycle_first_sent_date,
        greatest(
            coalesce(last_transaction_sent_date, resent_date, sent_date),
            coalesce(resent_date, sent_date, last_transaction_sent_date),
            coalesce(sent_date, last_transaction_sent_date, resent_date)
        ) as lifecycle_last_sent_date
    from claims_with_events
),

stages as (
    select
        *,
        {{ od_claim_status_label('claim_status_code') }} as lifecycle_claim_status,
        case
            when claim_status_code in ('U', 'H', 'W', 'I') then 'not_sent'
            when claim_status_code in ('S', 'P') then 'sent'
            when claim_status_code = 'R' and first_paid_date is not null then 'paid'
            when claim_status_code = 'R' then 'received'
            when claim_status_code = 'A' then 'adjustment'
        end as lifecycle_stage
    from sent_dates
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
        lifecycle_first_sent_date as first_sent_date,
        lifecycle_last_sent_date as last_sent_date,
        received_date,
        first_paid_date,
        last_paid_date,
        case lifecycle_stage
            when 'not_sent' then created_date
            when 'sent' then lifecycle_last_sent_date
            when 'received' then received_date
            when 'paid' then first_paid_date
            when 'adjustment' then created_date
        end as current_stage_start_date,

        -- days in each stage
        {{ dbt.datediff('created_date', 'lifecycle_first_sent_date', 'day') }} as days_created_to_sent,
        {{ dbt.datediff('lifecycle_first_sent_date', 'received_date', 'day') }} as days_sent_to_received,
        {{ dbt.datediff('received_date', 'first_paid_date', 'day') }} as days_received_to_paid,
        {{ dbt.datediff('lifecycle_first_sent_date', 'first_paid_date', 'day') }} as days_sent_to_paid,
        {{ dbt.datediff('created_date', 'first_paid_date', 'day') }} as days_created_to_paid,
        case
            when lifecycle_stage = 'not_sent'
                then {{ dbt.datediff('created_date', as_of_date(), 'day') }}
            when lifecycle_stage = 'sent'
                then {{ dbt.datediff('lifecycle_last_sent_date', as_of_date(), 'day') }}
            when lifecycle_stage = 'received'
                then {{ dbt.datediff('received_date', as_of_date(), 'day') }}
        end as days_in_current_stage,

        -- counts
        send_count,
        rejected_send_count,
        claim_payment_count,

        -- amounts
        claim_fee,
        insurance_estimate_amount,
        insurance_paid_amount,
        write_off_amount,
        deductible_applied_amount,

        -- flags
        (lifecycle_stage in ('not_sent', 'sent', 'received')) as is_open,
        -- Outstanding (DESIGN.md): sent to the carrier and not received yet.
        (lifecycle_stage = 'sent') as is_outstanding,
        -- Denied (DESIGN.md): the carrier refused it, received with nothing paid although a
        -- payment was expected; a secondary claim estimated at 0 that pays 0 is not a denial.
        coalesce(
            claim_status_code = 'R'
            and insurance_paid_amount <= 0
            and insurance_estimate_amount > 0,
            false
        ) as is_denied,

        -- codes
        claim_type_code,
        claim_type,
        claim_status_code,
        lifecycle_claim_status as claim_status,
        lifecycle_stage
    from stages
)

select * from final
