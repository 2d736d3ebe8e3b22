{#- Claim denial rate (issue 13, finding 5): denied claims / received claims. A denied claim is
    one the carrier refused: received (ClaimStatus R) with nothing paid (InsPayAmt <= 0) although
    a payment was expected (InsPayEst > 0); a secondary estimated at 0 that pays 0 is not a
    denial. Recounted here from the raw claim, insplan and etrans tables, by carrier and the month
    the claim was first sent (its earliest send: DateSentOrig, DateSent or a claim-send etrans;
    the month it was entered when it was never sent), and over the whole history, and compared
    with mart_claim_summary's claims_denied and claims_received. One row per disagreement. -#}

with

mart_claims as (
    select * from {{ ref('mart_claim_summary') }}
),

-- Every claim with its carrier and first send (earliest DateSentOrig, DateSent or claim-send etrans).
claims as (
    {{ raw_claims() }}
),

claim_outcomes as (
    select
        carrier_id,
        cast({{ dbt.date_trunc('month', 'coalesce(first_sent_on, entered_date)') }} as date) as claim_month,
        case when claimstatus = 'R' then 1 else 0 end as is_received,
        case
            when claimstatus = 'R' and inspayamt <= 0 and inspayest > 0 then 1
            else 0
        end as is_denied
    from claims
),

raw_by_month as (
    select
        carrier_id,
        claim_month,
        cast(sum(is_received) as bigint) as claims_received,
        cast(sum(is_denied) as bigint) as claims_denied
    from claim_outcomes
    group by carrier_id, claim_month
),

mart_by_month as (
    select
        carrier_id,
        claim_month,
        cast(sum(claims_received) as bigint) as claims_received,
        cast(sum(claims_denied) as bigint) as claims_denied
    from mart_claims
    group by carrier_id, claim_month
),

monthly_comparison as (
    select
        coalesce(mart_by_month.carrier_id, raw_by_month.carrier_id) as carrier_id,
        coalesce(mart_by_month.claim_month, raw_by_month.claim_month) as claim_month,
        mart_by_month.claims_denied as mart_denied,
        raw_by_month.claims_denied as raw_denied,
        mart_by_month.claims_received as mart_received,
        raw_by_month.claims_received as raw_received
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.carrier_id = raw_by_month.carrier_id
        and mart_by_month.claim_month = raw_by_month.claim_month
),

total_comparison as (
    select
        cast(null as {{ dbt.type_bigint() }}) as carrier_id,
        cast(null as date) as claim_month,
        (select cast(sum(claims_denied) as bigint) from mart_claims) as mart_denied,
        (select cast(sum(is_denied) as bigint) from claim_outcomes) as raw_denied,
        (select cast(sum(claims_received) as bigint) from mart_claims) as mart_received,
        (select cast(sum(is_received) as bigint) from claim_outcomes) as raw_received
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_denied, 0) <> coalesce(raw_denied, 0)
        or coalesce(mart_received, 0) <> coalesce(raw_received, 0)
)

select * from final
