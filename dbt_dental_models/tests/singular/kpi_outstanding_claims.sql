{#- Outstanding claims (DESIGN.md): claims sent and not received (ClaimStatus S, or the retired P
    probably sent) as of the as-of date, by days since sent and carrier. Recounted here from the
    raw claim, insplan and etrans tables: the days from the claim's last send (the latest of
    DateSent, DateResent and its claim-send etrans) to the as-of date, in the bands of var
    ar_aging_bucket_days (0-30, 31-60, 61-90, over 90; a claim with no send date recorded is over
    90), and the insurance expected on them (InsPayEst), per carrier. Compared with
    mart_claim_summary's claims_outstanding, outstanding_claims_* and
    outstanding_insurance_estimate_amount added up over its claim months; one row per
    disagreement. -#}

{%- set edges = var('ar_aging_bucket_days') -%}

with

mart_claims as (
    select * from {{ ref('mart_claim_summary') }}
),

-- Every claim with its carrier and last send (latest DateSent, DateResent or claim-send etrans).
claims as (
    {{ raw_claims() }}
),

outstanding_claims as (
    select
        carrier_id,
        cast(inspayest as decimal(15, 2)) as insurance_estimate_amount,
        case
            when last_sent_on is null then 'over_90'
            when {{ dbt.datediff('last_sent_on', as_of_date(), 'day') }} <= {{ edges[0] }} then '0_30'
            when {{ dbt.datediff('last_sent_on', as_of_date(), 'day') }} <= {{ edges[1] }} then '31_60'
            when {{ dbt.datediff('last_sent_on', as_of_date(), 'day') }} <= {{ edges[2] }} then '61_90'
            else 'over_90'
        end as age_band
    from claims
    where claimstatus in ('S', 'P')
),

raw_measures as (
    select
        carrier_id,
        age_band as measure,
        cast(count(*) as decimal(15, 2)) as raw_value
    from outstanding_claims
    group by carrier_id, age_band
    union all
    select
        carrier_id,
        'outstanding' as measure,
        cast(count(*) as decimal(15, 2)) as raw_value
    from outstanding_claims
    group by carrier_id
    union all
    select
        carrier_id,
        'insurance_estimate' as measure,
        cast(sum(insurance_estimate_amount) as decimal(15, 2)) as raw_value
    from outstanding_claims
    group by carrier_id
),

mart_by_carrier as (
    select
        carrier_id,
        sum(outstanding_claims_0_30) as claims_0_30,
        sum(outstanding_claims_31_60) as claims_31_60,
        sum(outstanding_claims_61_90) as claims_61_90,
        sum(outstanding_claims_over_90) as claims_over_90,
        sum(claims_outstanding) as claims_outstanding,
        sum(outstanding_insurance_estimate_amount) as insurance_estimate_amount
    from mart_claims
    group by carrier_id
),

-- Zero counts are left out on both sides, so a band is compared wherever either side has claims.
mart_measures as (
    select carrier_id, '0_30' as measure, cast(claims_0_30 as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_0_30 <> 0
    union all
    select carrier_id, '31_60' as measure, cast(claims_31_60 as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_31_60 <> 0
    union all
    select carrier_id, '61_90' as measure, cast(claims_61_90 as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_61_90 <> 0
    union all
    select carrier_id, 'over_90' as measure, cast(claims_over_90 as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_over_90 <> 0
    union all
    select carrier_id, 'outstanding' as measure, cast(claims_outstanding as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_outstanding <> 0
    union all
    select carrier_id, 'insurance_estimate' as measure, cast(insurance_estimate_amount as decimal(15, 2)) as mart_value
    from mart_by_carrier where claims_outstanding <> 0 or insurance_estimate_amount <> 0
),

final as (
    select
        coalesce(mart_measures.carrier_id, raw_measures.carrier_id) as carrier_id,
        coalesce(mart_measures.measure, raw_measures.measure) as measure,
        mart_measures.mart_value,
        raw_measures.raw_value
    from mart_measures
    full outer join raw_measures
        on mart_measures.carrier_id = raw_measures.carrier_id
        and mart_measures.measure = raw_measures.measure
    where coalesce(mart_measures.mart_value, 0) <> coalesce(raw_measures.raw_value, 0)
)

select * from final
