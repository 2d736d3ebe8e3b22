{#- A/R collection priority of a family's aged balance, with int_ar_analysis's rule and vars:
    credit_balance (balance < 0), no_balance (balance = 0), high (at least
    var ar_high_priority_over_90_share of the balance over 90 days old, or anything over 90 days
    old and no payment for more than var ar_high_priority_days_without_payment days, or never),
    medium (anything over 60 days old), low (the whole balance 60 days old or newer).
    int_ar_analysis applies it as of the as-of date, mart_ar_summary at each month-end. -#}
{% macro ar_collection_priority(balance, balance_61_90, balance_over_90, days_since_last_payment) -%}
    case
        when {{ balance }} < 0 then 'credit_balance'
        when {{ balance }} = 0 then 'no_balance'
        when cast({{ balance_over_90 }} as {{ type_double() }}) / cast({{ balance }} as {{ type_double() }})
            >= {{ var('ar_high_priority_over_90_share') }} then 'high'
        when {{ balance_over_90 }} > 0
            and (
                {{ days_since_last_payment }} is null
                or {{ days_since_last_payment }} > {{ var('ar_high_priority_days_without_payment') }}
            ) then 'high'
        when {{ balance_61_90 }} + {{ balance_over_90 }} > 0 then 'medium'
        else 'low'
    end
{%- endmacro %}
