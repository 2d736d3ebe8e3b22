{#- A/R invariant: a family's aged buckets plus its credit balance equal its balance, and its
    balance is its charges less its credits. Holds whatever order credits are applied in only if
    no credit is lost or counted twice; fails on every row where either identity breaks. -#}
{% test ar_buckets_reconcile_to_balance(model) %}
    select *
    from {{ model }}
    where balance_0_30 + balance_31_60 + balance_61_90 + balance_over_90 + credit_balance <> balance
        or balance <> total_charges - total_credits
{% endtest %}
