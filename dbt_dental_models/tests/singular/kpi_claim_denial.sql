{#- Claim denial rate (issue 13, finding 5): denied claims / received claims. A denied claim is
    one the carrier refused: received (ClaimStatus R) with nothing paid (InsPayAmt <= 0) although
    a payment was expected (InsPayEst > 0); a secondary estimated at 0 that pays 0 is not a
    denial. Recounted here from the raw claim, insplan and etrans tables, by carrier and the month
    the claim was first sent (its earliest send: DateSentOrig, DateSent or a claim-send etrans;
    the month it was entered when it was never sent), and over the whole history, and compared
    with mart_claim_summary's claims_denied and claims_received. One row per disagreement. -#}

{#- OpenDental's etrans types that send a claim: ClaimSent, ClaimPrinted, Claim_CA, Claim_Ren,
    ClaimCOB_CA, Claim_Ramq. -#}
{%- set claim_send_etypes = [0, 1, 2, 3, 13, 30] -%}

with

mart_claims as (
    select * from {{ ref('mart_claim_summary') }}
),

raw_claims as (
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
    select claimnum, datesentorig as sent_on from raw_claims
    union all
    select claimnum, datesent as sent_on from raw_claims
    union all
    select claimnum, cast(datetimetrans as date) as sent_on
    from raw_etrans
    where claimnum <> 0
      and etype in ({{ claim_send_etypes | join(', ') }})
),

first_sends as (
    select
        claimnum,
        min(sent_on) as first_sent_on
    from claim_send_dates
    where sent_on > cast('1880-01-01' as date)
    group by claimnum
),

claim_outcomes as (
    select
        raw_plans.carriernum as carrier_id,
        cast({{ dbt.date_trunc('month', 'coalesce(first_sends.first_sent_on, cast(raw_claims.secdateentry as date))') }} as date)
            as claim_month,
        case when raw_claims.claimstatus = 'R' then 1 else 0 end as is_received,
        case
            when raw_claims.claimstatus = 'R' and raw_claims.inspayamt <= 0 and raw_claims.inspayest > 0 then 1
            else 0
        end as is_denied
    from raw_claims
    inner join raw_plans
        on raw_claims.plannum = raw_plans.plannum
    left join first_sends
        on raw_claims.claimnum = first_sends.claimnum
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
