{#- The names of a list var as lower-case SQL string literals, for `lower(name) in (...)`:
    names on OpenDental's lists are typed by the practice, so matches ignore case. -#}
{% macro lowercase_name_list(names) -%}
    {%- for name in names %}'{{ name | lower }}'{{ ', ' if not loop.last }}{% endfor -%}
{%- endmacro %}
