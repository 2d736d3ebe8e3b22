{#- The model has at least one row: a model that builds empty is a broken join or filter, not a
    quiet success. Fails with one row when the model is empty.

    A model whose rows come from a feature a practice may not use (an optional OpenDental table,
    DESIGN.md's raw-layer contract) names it, and is then allowed to be empty when the feature is:
    - when_loaded: [a, b]: the model must have rows when every one of these raw tables has rows
      (it is empty whenever one of them is);
    - when_any_loaded: [a, b]: the model must have rows when any of them has rows (its rows are a
      union of theirs).
    A practice's unused feature is reported once by `dental build`, not as a failure here. -#}
{% test not_empty(model, when_loaded=[], when_any_loaded=[]) %}
    select 1 as is_empty
    where not exists (select 1 from {{ model }})
    {%- for table in when_loaded %}
        and exists (select 1 from {{ source('opendental', table) }})
    {%- endfor %}
    {%- if when_any_loaded %}
        and (
            {%- for table in when_any_loaded %}
            exists (select 1 from {{ source('opendental', table) }}){% if not loop.last %} or{% endif %}
            {%- endfor %}
        )
    {%- endif %}
{% endtest %}
