with source as (
    select * from {{ source('opendental', 'task') }}
),

renamed as (
    select
        -- ids
        tasknum as task_id,
        {{ od_key('tasklistnum') }} as task_list_id,
        {{ od_key('keynum') }} as attached_object_id,
        -- KeyNum holds a patient or an appointment key depending on ObjectType: one typed key each.
        case when objecttype = 1 then {{ od_key('keynum') }} end as patient_id,
        case when objecttype = 2 then {{ od_key('keynum') }} end as appointment_id,
        {{ od_key('fromnum') }} as repeated_from_task_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('prioritydefnum') }} as priority_definition_id,
        {{ od_key('triagecategory') }} as triage_category_definition_id,
        {{ od_text('remindergroupid') }} as reminder_group_id,

        -- dates
        {{ od_date('datetask') }} as task_date,
        {{ od_timestamp('datetimeentry') }} as entered_at,
        {{ od_timestamp('datetimefinished') }} as finished_at,

        -- attributes
        {{ od_text('descript') }} as description,
        {{ od_text('descriptoverride') }} as short_description,
        reminderfrequency as reminder_frequency,

        -- flags
        {{ od_bool('isrepeating') }} as is_repeating,
        {{ od_bool('isreadonly') }} as is_read_only,
        remindertype as reminder_type_flags,
        {{ od_flag('remindertype', 1) }} as is_daily_reminder,
        {{ od_flag('remindertype', 2) }} as is_weekly_reminder,
        {{ od_flag('remindertype', 4) }} as is_monthly_reminder,
        {{ od_flag('remindertype', 8) }} as is_yearly_reminder,
        {{ od_flag('remindertype', 16) }} as is_reminder_on_monday,
        {{ od_flag('remindertype', 32) }} as is_reminder_on_tuesday,
        {{ od_flag('remindertype', 64) }} as is_reminder_on_wednesday,
        {{ od_flag('remindertype', 128) }} as is_reminder_on_thursday,
        {{ od_flag('remindertype', 256) }} as is_reminder_on_friday,
        {{ od_flag('remindertype', 512) }} as is_reminder_on_saturday,
        {{ od_flag('remindertype', 1024) }} as is_reminder_on_sunday,
        {{ od_flag('remindertype', 2048) }} as is_one_time_reminder,

        -- codes
        taskstatus as task_status_code,
        {{ od_enum_label('task', 'TaskStatus', 'taskstatus') }} as task_status,
        datetype as date_type_code,
        {{ od_enum_label('task', 'DateType', 'datetype') }} as date_type,
        objecttype as object_type_code,
        {{ od_enum_label('task', 'ObjectType', 'objecttype') }} as object_type,

        -- metadata
        {{ od_timestamp('datetimeoriginal') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
