{#- A test's `where` config, with the placeholder `__deleted_appointment_ids__` standing for the
    appointments OpenDental recorded as deleted (a history row with the action Deleted, 4).
    OpenDental hard-deletes an appointment but keeps its history and the reminders, confirmation
    requests and e-mails sent for it, so a relationship to the appointment table holds for every
    row but those: `where: "appointment_id not in __deleted_appointment_ids__"`. The raw table is
    read, not the staging model: a `where` is only known when the test runs, too late for dbt to
    order the test after a model it would `ref`, and the raw layer is loaded before any build.
    (dbt's documented way to template a `where`, whose YAML cannot call macros.) Otherwise dbt's
    own behaviour: the model, filtered by the `where` when there is one. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- if '__deleted_appointment_ids__' in where -%}
            {%- set deleted -%}
                (select aptnum from {{ source('opendental', 'histappointment') }}
                 where histapptaction = 4 and aptnum is not null)
            {%- endset -%}
            {%- set where = where | replace('__deleted_appointment_ids__', deleted) -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
