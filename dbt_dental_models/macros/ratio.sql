{#- numerator / denominator as a decimal(38,4) rate, for reading; null when the denominator is 0
    or negative (nothing to rate: a day of refunds has no collection rate), never a division
    error and never an overflow (a day's collections over a near-zero net production is a large
    number, not a failed build). A ratio KPI is carried as its numerator and denominator columns,
    which add up over any rows; a stored rate is the ratio at its row's grain only, never summed.
    The quotient goes through 8 decimals before it is rounded to 4: DuckDB divides decimals in
    floating point, and 1.05225 held as 1.052249999... would round down there and up on
    PostgreSQL. The cast wraps the CASE: PostgreSQL's CASE drops a branch's precision and scale. -#}
{% macro ratio(numerator, denominator) -%}
    cast(
        case
            when ({{ denominator }}) > 0
                then cast(cast({{ numerator }} as decimal(18, 6)) / ({{ denominator }}) as decimal(38, 8))
        end
        as decimal(38, 4)
    )
{%- endmacro %}
