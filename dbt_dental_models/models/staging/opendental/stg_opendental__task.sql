with source as (
    select * from {{ source('opendental', 'task') }}
),

renamed as (
    select
        -- ids
        tasknum as task_id,
        {{ od_key('tasklistnum') }} as task_list_id,
        {{ od_key('keynum') }} as key_patient_id,
        {{ od_key('fromnum') }} as from_task_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('prioritydefnum') }} as priority_definition_definition_id,
        {{ od_key('triagecategory') }} as triage_category_definition_id,

        -- dates
        {{ od_date('datetask') }} as task_date,
        {{ od_timestamp('datetimeentry') }} as entry_at,
        {{ od_timestamp('datetimefinished') }} as finished_at,
        {{ od_timestamp('datetimeoriginal') }} as original_at,

        -- attributes
        {{ od_text('descript') }} as descript,
        {{ od_text('remindergroupid') }} as reminder_group_id,
        reminderfrequency as reminder_frequency,
        {{ od_text('descriptoverride') }} as descript_override,

        -- flags
        {{ od_bool('isrepeating') }} as is_repeating,
        remindertype as reminder_type_flags,
        {{ od_flag('remindertype', 1) }} as is_daily,
        {{ od_flag('remindertype', 2) }} as is_weekly,
        {{ od_flag('remindertype', 4) }} as is_monthly,
        {{ od_flag('remindertype', 8) }} as is_yearly,
        {{ od_flag('remindertype', 16) }} as is_monday,
        {{ od_flag('remindertype', 32) }} as is_tuesday,
        {{ od_flag('remindertype', 64) }} as is_wednesday,
        {{ od_flag('remindertype', 128) }} as is_thursday,
        {{ od_flag('remindertype', 256) }} as is_friday,
        {{ od_flag('remindertype', 512) }} as is_saturday,
        {{ od_flag('remindertype', 1024) }} as is_sunday,
        {{ od_flag('remindertype', 2048) }} as is_once,
        {{ od_bool('isreadonly') }} as is_read_only,

        -- codes
        taskstatus as task_status_code,
        {{ od_enum_label('task', 'TaskStatus', 'taskstatus') }} as task_status,
        datetype as date_type_code,
        {{ od_enum_label('task', 'DateType', 'datetype') }} as date_type,
        objecttype as object_type_code,
        {{ od_enum_label('task', 'ObjectType', 'objecttype') }} as object_type,

        -- metadata
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
