{#- The rows that break one of OpenDental's own rules (int_opendental_rule_breaks): a warning
    counting them, with the rule's meaning for the numbers and where to fix it in OpenDental in
    the test's description and meta.fix. -#}
{% test opendental_rule(model, rule) %}
    select row_id, patient_id
    from {{ model }}
    where rule_name = '{{ rule }}'
{% endtest %}
