with tasks as (
    select * from {{ ref('stg_opendental__task') }}
),

task_lists as (
    select * from {{ ref('stg_opendental__tasklist') }}
),

users as (
    select * from {{ ref('stg_opendental__userod') }}
),

-- A task list that is a user's inbox (userod.TaskListInBox) assigns its tasks to that user.
inbox_owners as (
    select
        inbox_task_list_id as task_list_id,
        min(user_id) as inbox_user_id
    from users
    where inbox_task_list_id is not null
    group by inbox_task_list_id
),

task_dates as (
    select
        tasks.*,
        cast(coalesce(tasks.created_at, tasks.entered_at) as date) as created_date,
        cast(tasks.finished_at as date) as completed_date,
        -- A task filed under a day, week or month is due at the end of that period; any other
        -- task is due var('task_overdue_days') days after it was entered.
        case
            when tasks.task_date is not null and tasks.date_type_code = 1
                then tasks.task_date
            when tasks.task_date is not null and tasks.date_type_code = 2
                then cast({{ dbt.dateadd('day', 6, 'tasks.task_date') }} as date)
            when tasks.task_date is not null and tasks.date_type_code = 3
                then cast(
                    {{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, dbt.date_trunc('month', 'tasks.task_date'))) }}
                    as date
                )
            else cast(
                {{ dbt.dateadd('day', var('task_overdue_days'), 'cast(coalesce(tasks.created_at, tasks.entered_at) as date)') }}
                as date
            )
        end as due_date
    from tasks
),

final as (
    select
        -- ids
        task_dates.task_id,
        task_dates.task_list_id,
        task_lists.description as task_list_name,
        task_dates.user_id,
        coalesce(inbox_owners.inbox_user_id, task_dates.user_id) as assigned_user_id,
        task_dates.patient_id,
        task_dates.appointment_id,

        -- codes
        task_dates.task_status_code,
        task_dates.task_status,
        task_dates.object_type,

        -- dates
        coalesce(task_dates.created_at, task_dates.entered_at) as created_at,
        task_dates.created_date,
        task_dates.finished_at as completed_at,
        task_dates.completed_date,
        task_dates.due_date,

        -- flags and measures
        task_dates.is_repeating,
        task_dates.task_status_code = 2 as is_completed,
        {{ dbt.datediff('task_dates.created_date', "coalesce(task_dates.completed_date, " ~ as_of_date() ~ ")", 'day') }}
            as days_open,
        (
            task_dates.task_status_code <> 2
            and not task_dates.is_repeating
            and task_dates.due_date < {{ as_of_date() }}
        ) as is_overdue
    from task_dates
    left join task_lists
        on task_dates.task_list_id = task_lists.task_list_id
    left join inbox_owners
        on task_dates.task_list_id = inbox_owners.task_list_id
)

select * from final
