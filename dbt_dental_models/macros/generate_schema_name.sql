{#- Layers go to schemas named exactly staging, intermediate, marts on every engine (not dbt's
    default <target schema>_<custom schema>). Models without a custom schema use the target's. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
