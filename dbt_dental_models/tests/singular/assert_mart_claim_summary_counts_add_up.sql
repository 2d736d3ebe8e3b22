{#- Every received claim is either paid or denied, and every open claim is either not sent or in
    exactly one aging bucket; a first-pass claim is a paid claim and a sent claim a created one.
    Returns each carrier-month where one of these identities breaks. -#}
select
    carrier_id,
    claim_month
from {{ ref('mart_claim_summary') }}
where claims_received <> claims_paid + claims_denied
    or claims_open <> open_claims_not_sent
        + open_claims_0_30 + open_claims_31_60 + open_claims_61_90 + open_claims_over_90
    or claims_first_pass_paid > claims_paid
    or claims_sent > claims_created
