{#- The index a mart gets on the date the API filters every query by: on PostgreSQL only, where
    the planner needs it (an A/R snapshot or a month-to-date period otherwise reads the whole
    table). DuckDB scans by its zone maps, and an ART index there only slows the marts' reads
    and builds (bench/RESULTS.md). Use: {{ config(indexes=api_date_index('snapshot_date')) }} -#}
{% macro api_date_index(column) -%}
    {%- if target.type == 'postgres' -%}
        {{ return([{'columns': [column]}]) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}
