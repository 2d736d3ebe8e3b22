{#- The OpenDental rules each row breaks (int_opendental_rule_breaks), one row per table and key:
    `rules_broken` lists the rules' names in order, ", " between them. A model left-joins it to
    carry the flag on its rows; a row that keeps every rule has no match (null). -#}
{% macro opendental_rules_by_row() -%}
    select
        table_name,
        row_id,
        {{ dbt.listagg('rule_name', "', '", 'order by rule_name') }} as rules_broken
    from {{ ref('int_opendental_rule_breaks') }}
    group by table_name, row_id
{%- endmacro %}

{#- Two rule lists as one: a row's own rules and those of the row it belongs to (a split's
    payment, a claim procedure's check); null when both are. -#}
{% macro combine_rules_broken(first, second) -%}
    case
        when {{ first }} is null then {{ second }}
        when {{ second }} is null then {{ first }}
        else {{ first }} || ', ' || {{ second }}
    end
{%- endmacro %}
