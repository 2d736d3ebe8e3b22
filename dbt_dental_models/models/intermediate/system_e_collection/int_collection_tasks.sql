{#- For each text column, a condition true when it holds one of the collections words
    (var collection_task_keywords), case-insensitively. -#}
{%- set mentions_collections = {} -%}
{%- for column in ['task_lists.description', 'parent_lists.description', 'tasks.description', 'tasks.short_description'] -%}
    {%- set parts = [] -%}
    {%- for keyword in var('collection_task_keywords') -%}
        {%- do parts.append("lower(coalesce(" ~ column ~ ", '')) like '%" ~ keyword | lower ~ "%'") -%}
    {%- endfor -%}
    {%- do mentions_collections.update({column: "(" ~ parts | join(" or ") ~ ")"}) -%}
{%- endfor %}

with tasks as (
    select * from {{ ref('stg_opendental__task') }}
),

task_lists as (
    select * from {{ ref('stg_opendental__tasklist') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- A task list is about collections when its name, or its parent list's, says so ("Billing").
collection_lists as (
    select
        task_lists.task_list_id,
        task_lists.description as task_list_name,
        {{ mentions_collections['task_lists.description'] }}
        or {{ mentions_collections['parent_lists.description'] }} as is_collection_list
    from task_lists
    left join task_lists as parent_lists
        on task_lists.parent_task_list_id = parent_lists.task_list_id
),

-- Tasks to do (not repeating templates) filed in such a list or whose text is about collections.
collection_tasks as (
    select
        tasks.task_id,
        tasks.task_list_id,
        tasks.patient_id,
        tasks.user_id,
        tasks.priority_definition_id,
        collection_lists.task_list_name,
        case
            when coalesce(collection_lists.is_collection_list, false) then 'task_list'
            else 'task_text'
        end as collection_task_reason,
        coalesce(tasks.created_at, tasks.entered_at) as created_at,
        tasks.finished_at,
        tasks.task_status_code,
        tasks.task_status
    from tasks
    left join collection_lists
        on tasks.task_list_id = collection_lists.task_list_id
    where tasks.is_repeating = false
      and (
          coalesce(collection_lists.is_collection_list, false)
          or {{ mentions_collections['tasks.description'] }}
          or {{ mentions_collections['tasks.short_description'] }}
      )
),

final as (
    select
        -- ids
        collection_tasks.task_id,
        collection_tasks.task_list_id,
        collection_tasks.patient_id,
        patients.guarantor_id,
        collection_tasks.user_id,
        collection_tasks.priority_definition_id,

        -- dates
        collection_tasks.created_at,
        cast(collection_tasks.created_at as date) as created_date,
        collection_tasks.finished_at,
        cast(collection_tasks.finished_at as date) as finished_date,
        case
            when collection_tasks.task_status = 'done'
                then {{ dbt.datediff('cast(collection_tasks.created_at as date)', 'cast(collection_tasks.finished_at as date)', 'day') }}
            else {{ dbt.datediff('cast(collection_tasks.created_at as date)', as_of_date(), 'day') }}
        end as days_open,

        -- flags
        collection_tasks.task_status = 'done' as is_done,

        -- attributes and codes
        collection_tasks.task_list_name,
        collection_tasks.collection_task_reason,
        collection_tasks.task_status_code,
        collection_tasks.task_status
    from collection_tasks
    left join patients
        on collection_tasks.patient_id = patients.patient_id
    where cast(collection_tasks.created_at as date) <= {{ as_of_date() }}
)

select * from final
