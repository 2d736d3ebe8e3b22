{#- OpenDental's raw conventions turned into SQL values, the same way on every engine.
    OpenDental stores "nothing" as 0001-01-01, '' and key 0, booleans as 0/1, money as double. -#}

{#- A key: OpenDental's 0 ("no row") becomes null. -#}
{% macro od_key(column) -%}
    nullif({{ column }}, 0)
{%- endmacro %}

{#- A text value: OpenDental's '' ("none") becomes null. -#}
{% macro od_text(column) -%}
    nullif({{ column }}, '')
{%- endmacro %}

{#- A date: OpenDental's 0001-01-01 (and any pre-1880 placeholder) becomes null. -#}
{% macro od_date(column) -%}
    case when {{ column }} < cast('1880-01-01' as date) then null else cast({{ column }} as date) end
{%- endmacro %}

{#- A date-time: OpenDental's 0001-01-01 00:00:00 becomes null. -#}
{% macro od_timestamp(column) -%}
    case
        when {{ column }} < cast('1880-01-01 00:00:00' as timestamp) then null
        else cast({{ column }} as timestamp)
    end
{%- endmacro %}

{#- Money: OpenDental keeps amounts in double; the warehouse keeps cents exactly. -#}
{% macro od_money(column) -%}
    cast({{ column }} as decimal(15, 2))
{%- endmacro %}

{#- A C# bool stored as 0/1. -#}
{% macro od_bool(column) -%}
    ({{ column }} <> 0)
{%- endmacro %}

{#- One flag of a bit-flag enum. -#}
{% macro od_flag(column, bit) -%}
    (({{ column }} & {{ bit }}) <> 0)
{%- endmacro %}

{#- A MySQL `time` duration (raw interval) as minutes, which can be negative. -#}
{% macro od_minutes(column) -%}
    {{ return(adapter.dispatch('od_minutes', 'dbt_dental_models')(column)) }}
{%- endmacro %}

{% macro default__od_minutes(column) -%}
    cast(extract(epoch from {{ column }}) / 60 as decimal(12, 2))
{%- endmacro %}

{% macro duckdb__od_minutes(column) -%}
    cast(epoch({{ column }}) / 60 as decimal(12, 2))
{%- endmacro %}

{#- The label of an enum code, from the one seed of OpenDental's enum values. The labels are
    read from the seed when the model runs (the seed is built first: the model refs it) and
    written into the view as a CASE, which every engine evaluates far faster than a lookup per
    row. An unknown code gets a null label, which accepted_enum_code catches. -#}
{% macro od_enum_label(table_name, column_name, code_column) -%}
    {%- set seed = ref('opendental_enum_labels') -%}
    {%- if execute -%}
        {%- set labels = run_query(
            "select code, label from " ~ seed ~ " where table_name = '" ~ table_name
            ~ "' and column_name = '" ~ column_name ~ "' order by code"
        ) -%}
        case {{ code_column }}
        {%- for row in labels.rows %}
            when {{ row[0] }} then '{{ row[1] }}'
        {%- endfor %}
        end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- An 8-byte float for OpenDental's `double` columns that are not money (percentages,
    quantities). dbt.type_float() is a 4-byte FLOAT on DuckDB, which would lose digits. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'dbt_dental_models')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{#- OpenDental's Interval packs a span into one integer, a byte each (low to high) for days,
    weeks, months and years. Returns the four parts as <prefix>_years, _months, _weeks, _days. -#}
{% macro od_interval_parts(column, prefix) -%}
    cast(({{ column }} & 2130706432) / 16777216 as integer) as {{ prefix }}_years,
        cast(({{ column }} & 16711680) / 65536 as integer) as {{ prefix }}_months,
        cast(({{ column }} & 65280) / 256 as integer) as {{ prefix }}_weeks,
        cast({{ column }} & 255 as integer) as {{ prefix }}_days
{%- endmacro %}

{#- OpenDental's "not set" is -1 in its estimate and override columns (claimproc): the override
    when set, else the computed value when set, else null, so no sum counts a -1. -#}
{% macro od_override(override_column, value_column=none) -%}
    case
        when {{ override_column }} <> -1 then {{ override_column }}
        {%- if value_column is not none %}
        when {{ value_column }} <> -1 then {{ value_column }}
        {%- endif %}
    end
{%- endmacro %}
