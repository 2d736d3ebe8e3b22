{#- The date the data describes, as a SQL date. `dental build` passes it as the var `as_of_date`
    (read from raw.etl_load_status); without the var, the same lookup runs here, so a plain
    `dbt build` agrees with `dental build`. No model calls current_date. -#}
{% macro as_of_date() -%}
    {%- set value = var('as_of_date', none) -%}
    {%- if value is none and execute -%}
        {%- set result = run_query(
            "select as_of_date from " ~ source('etl', 'etl_load_status')
            ~ " where status = 'success' order by finished_at desc limit 1"
        ) -%}
        {%- set value = result.columns[0].values()[0] -%}
    {%- endif -%}
    {%- if value is none -%}
        cast(null as date)
    {%- else -%}
        cast('{{ value }}' as date)
    {%- endif -%}
{%- endmacro %}
