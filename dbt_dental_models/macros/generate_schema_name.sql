{#- Layers go to schemas named exactly staging, intermediate, marts on every engine (not dbt's
    default <target schema>_<custom schema>). Models without a custom schema use the target's.
    `dental build` on PostgreSQL makes the marts in a side schema (DENTAL_MARTS_SCHEMA) and swaps
    it with `marts` in one transaction when the build has passed, so the API never reads a
    half-built set of marts. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif custom_schema_name | trim == 'marts' -%}
        {{ env_var('DENTAL_MARTS_SCHEMA', 'marts') }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
