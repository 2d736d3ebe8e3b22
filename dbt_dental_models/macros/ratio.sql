{#- numerator / denominator as a decimal(9,4) rate; null when the denominator is 0 (nothing to
    rate), never a division error. Every rate and share in the project is computed this way.
    The quotient goes through 8 decimals before it is rounded to 4: DuckDB divides decimals in
    floating point, and 1.05225 held as 1.052249999... would round down there and up on
    PostgreSQL. -#}
{% macro ratio(numerator, denominator) -%}
    cast(cast(cast({{ numerator }} as decimal(18, 6)) / nullif({{ denominator }}, 0) as decimal(18, 8)) as decimal(9, 4))
{%- endmacro %}
