{#- Age bands in days of outstanding claims (sent, not received), shared with A/R aging: a claim
    `age` days past its last send falls in the first band whose edge is >= age (0-30, 31-60,
    61-90), else over 90. -#}
{%- set edges = var('ar_aging_bucket_days') -%}
{%- if edges | length != 3 -%}
    {{ exceptions.raise_compiler_error(
        "mart_claim_summary expects three aging edges (0-30, 31-60, 61-90, over 90); "
        ~ "var ar_aging_bucket_days = " ~ edges
    ) }}
{%- endif %}

with

-- Preauthorizations ask what a carrier would pay and bill nothing: OpenDental keeps the
-- carrier's answer in InsPayAmt, and its claim reports leave them out, as this mart does.
claims as (
    select * from {{ ref('int_claim_tracking') }}
    where coalesce(claim_type_code, '') <> 'PreAuth'
),

coverages as (
    select * from {{ ref('int_insurance_coverage') }}
),

claim_payments as (
    select * from {{ ref('int_claim_payments') }}
),

-- A carrier's name as its plans' coverages give it (OpenDental `carrier.CarrierName`); a carrier
-- that no current coverage names falls back to the name on its single-carrier claim payments.
coverage_carrier_names as (
    select
        carrier_id,
        max(carrier_name) as carrier_name
    from coverages
    where carrier_id is not null
    group by carrier_id
),

payment_carrier_names as (
    select
        carrier_id,
        max(carrier_name) as carrier_name
    from claim_payments
    where carrier_id is not null
    group by carrier_id
),

-- One outcome per claim. A claim belongs to the month it was first sent; a claim never sent to
-- the month it was entered. Received = the carrier answered (ClaimStatus R), and then exactly one
-- of: paid (a payment), denied (nothing paid although a payment was expected) or nothing paid
-- where nothing was expected (a secondary after a primary that paid in full); first pass = paid
-- on its only send, with no clearinghouse rejection and no resend. Outstanding = sent and not
-- received, aged by days since its last send.
claim_outcomes as (
    select
        claim_id,
        carrier_id,
        cast({{ dbt.date_trunc('month', 'coalesce(first_sent_date, created_date)') }} as date) as claim_month,
        (first_sent_date is not null) as is_sent,
        (claim_status_code = 'R') as is_received,
        (claim_status_code = 'R' and insurance_paid_amount > 0) as is_paid,
        is_denied,
        (claim_status_code = 'R' and insurance_paid_amount <= 0 and not is_denied) as is_received_no_payment_expected,
        (
            claim_status_code = 'R'
            and insurance_paid_amount > 0
            and send_count <= 1
            and rejected_send_count = 0
            and last_sent_date = first_sent_date
        ) as is_first_pass_paid,
        lifecycle_stage = 'not_sent' as is_not_sent,
        is_outstanding,
        case
            when claim_status_code = 'R' and insurance_paid_amount > 0 then days_sent_to_paid
        end as paid_claim_days_sent_to_paid,
        case
            when is_outstanding and last_sent_date is not null
                then {{ dbt.datediff('last_sent_date', as_of_date(), 'day') }}
        end as outstanding_days_since_sent,
        claim_fee,
        insurance_estimate_amount,
        insurance_paid_amount,
        write_off_amount
    from claims
),

-- A sent claim with no send date recorded is aged over 90 days, as OpenDental's Outstanding
-- Insurance Claims report ages its blank date.
aged_claims as (
    select
        *,
        case
            when not is_outstanding then null
            when outstanding_days_since_sent is null then 'over_90'
            when outstanding_days_since_sent <= {{ edges[0] }} then '0_30'
            when outstanding_days_since_sent <= {{ edges[1] }} then '31_60'
            when outstanding_days_since_sent <= {{ edges[2] }} then '61_90'
            else 'over_90'
        end as outstanding_age_band
    from claim_outcomes
),

carrier_months as (
    select
        carrier_id,
        claim_month,
        cast(count(*) as bigint) as claims_created,
        cast(sum(case when is_sent then 1 else 0 end) as bigint) as claims_sent,
        cast(sum(case when is_received then 1 else 0 end) as bigint) as claims_received,
        cast(sum(case when is_paid then 1 else 0 end) as bigint) as claims_paid,
        cast(sum(case when is_denied then 1 else 0 end) as bigint) as claims_denied,
        cast(sum(case when is_received_no_payment_expected then 1 else 0 end) as bigint)
            as claims_received_no_payment_expected,
        cast(sum(case when is_first_pass_paid then 1 else 0 end) as bigint) as claims_first_pass_paid,
        cast(sum(case when is_not_sent then 1 else 0 end) as bigint) as claims_not_sent,
        cast(sum(case when is_outstanding then 1 else 0 end) as bigint) as claims_outstanding,
        cast(sum(case when outstanding_age_band = '0_30' then 1 else 0 end) as bigint) as outstanding_claims_0_30,
        cast(sum(case when outstanding_age_band = '31_60' then 1 else 0 end) as bigint) as outstanding_claims_31_60,
        cast(sum(case when outstanding_age_band = '61_90' then 1 else 0 end) as bigint) as outstanding_claims_61_90,
        cast(sum(case when outstanding_age_band = 'over_90' then 1 else 0 end) as bigint) as outstanding_claims_over_90,
        cast(sum(claim_fee) as decimal(15, 2)) as claim_fee_amount,
        cast(sum(insurance_estimate_amount) as decimal(15, 2)) as insurance_estimate_amount,
        cast(sum(insurance_paid_amount) as decimal(15, 2)) as insurance_paid_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount,
        cast(
            coalesce(sum(case when is_outstanding then insurance_estimate_amount end), 0) as decimal(15, 2)
        ) as outstanding_insurance_estimate_amount,
        cast(avg(paid_claim_days_sent_to_paid) as decimal(9, 2)) as avg_days_sent_to_paid
    from aged_claims
    group by carrier_id, claim_month
),

final as (
    select
        -- grain
        carrier_months.carrier_id,
        carrier_months.claim_month,

        -- attributes
        coalesce(coverage_carrier_names.carrier_name, payment_carrier_names.carrier_name) as carrier_name,

        -- counts
        carrier_months.claims_created,
        carrier_months.claims_sent,
        carrier_months.claims_received,
        carrier_months.claims_paid,
        carrier_months.claims_denied,
        carrier_months.claims_received_no_payment_expected,
        carrier_months.claims_first_pass_paid,
        carrier_months.claims_not_sent,
        carrier_months.claims_outstanding,
        carrier_months.outstanding_claims_0_30,
        carrier_months.outstanding_claims_31_60,
        carrier_months.outstanding_claims_61_90,
        carrier_months.outstanding_claims_over_90,

        -- amounts
        carrier_months.claim_fee_amount,
        carrier_months.insurance_estimate_amount,
        carrier_months.insurance_paid_amount,
        carrier_months.write_off_amount,
        carrier_months.outstanding_insurance_estimate_amount,

        -- durations
        carrier_months.avg_days_sent_to_paid,

        -- rates
        {{ ratio('carrier_months.claims_denied', 'carrier_months.claims_received') }} as denial_rate,
        {{ ratio('carrier_months.claims_first_pass_paid', 'carrier_months.claims_received') }}
            as first_pass_payment_rate
    from carrier_months
    left join coverage_carrier_names
        on carrier_months.carrier_id = coverage_carrier_names.carrier_id
    left join payment_carrier_names
        on carrier_months.carrier_id = payment_carrier_names.carrier_id
)

select * from final
