{#- Post-hook: gather planner statistics on a table model the moment it is built. PostgreSQL
    plans the joins of the models that read it from these; without them (autovacuum may not have
    run yet) it takes a fresh table for empty and picks nested loops. Other engines need nothing. -#}
{% macro analyze_table() -%}
    {{ return(adapter.dispatch('analyze_table')()) }}
{%- endmacro %}

{% macro default__analyze_table() -%}
{%- endmacro %}

{% macro postgres__analyze_table() -%}
    {%- if config.get('materialized') == 'table' -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
