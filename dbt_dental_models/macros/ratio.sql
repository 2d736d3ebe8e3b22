{#- numerator / denominator as a decimal(9,4) rate; null when the denominator is 0 (nothing to
    rate), never a division error. Every rate and share in the project is computed this way. -#}
{% macro ratio(numerator, denominator) -%}
    cast(cast({{ numerator }} as decimal(18, 6)) / nullif({{ denominator }}, 0) as decimal(9, 4))
{%- endmacro %}
