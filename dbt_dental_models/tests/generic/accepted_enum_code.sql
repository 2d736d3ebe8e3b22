{#- accepted_values for an OpenDental enum code, with the accepted values read from the seed
    `opendental_enum_labels` (built from the schema) instead of typed into YAML a second time.
    Fails on every row whose code OpenDental's enum does not define. -#}
{% test accepted_enum_code(model, column_name, table_name, enum_column) %}
    select model.{{ column_name }}
    from {{ model }} as model
    where model.{{ column_name }} is not null
      and not exists (
          select 1
          from {{ ref('opendental_enum_labels') }} as labels
          where labels.table_name = '{{ table_name }}'
            and labels.column_name = '{{ enum_column }}'
            and labels.code = model.{{ column_name }}
      )
{% endtest %}
