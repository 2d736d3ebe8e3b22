{#- The column is the model's primary key: never null and never repeated. One query in place of a
    `unique` and a `not_null` test (half the test nodes, one scan); returns each repeated key
    with its count, and the null key if there is one. -#}
{% test primary_key(model, column_name) %}
    select {{ column_name }} as key_value, count(*) as occurrences
    from {{ model }}
    group by {{ column_name }}
    having count(*) > 1 or {{ column_name }} is null
{% endtest %}
