{#- The broken/missed-appointment procedure codes of the var `broken_appointment_procedure_codes`
    as a SQL list of string literals, for `procedure_code in (...)`. -#}
{% macro broken_appointment_code_list() -%}
    {%- for code in var('broken_appointment_procedure_codes') -%}
        '{{ code }}'{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
