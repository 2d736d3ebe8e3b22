{#- Every received claim is exactly one of paid, denied or received with no payment expected;
    every outstanding claim is in exactly one age band; a first-pass claim is a paid claim, a sent
    claim a created one, and a claim is not sent, outstanding or received, never two of them.
    Returns each carrier-month where one of these identities breaks. -#}
select
    carrier_id,
    claim_month
from {{ ref('mart_claim_summary') }}
where claims_received <> claims_paid + claims_denied + claims_received_no_payment_expected
    or claims_outstanding <> outstanding_claims_0_30 + outstanding_claims_31_60
        + outstanding_claims_61_90 + outstanding_claims_over_90
    or claims_first_pass_paid > claims_paid
    or claims_sent > claims_created
    or claims_not_sent + claims_outstanding + claims_received > claims_created
