{#- The model has at least one row: a model that builds empty on generated data is a broken join
    or filter, not a quiet success. Fails with one row when the model is empty. -#}
{% test not_empty(model) %}
    select 1 as is_empty
    where not exists (select 1 from {{ model }})
{% endtest %}
