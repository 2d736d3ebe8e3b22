with source as (
    select * from {{ source('opendental', 'tasklist') }}
),

renamed as (
    select
        -- ids
        tasklistnum as task_list_id,
        {{ od_key('parent') }} as parent_task_list_id,
        {{ od_key('fromnum') }} as repeated_from_task_list_id,

        -- dates
        {{ od_date('datetl') }} as task_list_date,
        {{ od_timestamp('datetimeentry') }} as entered_at,

        -- attributes
        {{ od_text('descript') }} as description,

        -- flags
        {{ od_bool('isrepeating') }} as is_repeating,

        -- codes
        datetype as date_type_code,
        {{ od_enum_label('tasklist', 'DateType', 'datetype') }} as date_type,
        objecttype as object_type_code,
        {{ od_enum_label('tasklist', 'ObjectType', 'objecttype') }} as object_type,
        globaltaskfiltertype as global_task_filter_type_code,
        {{ od_enum_label('tasklist', 'GlobalTaskFilterType', 'globaltaskfiltertype') }} as global_task_filter_type,
        taskliststatus as task_list_status_code,
        {{ od_enum_label('tasklist', 'TaskListStatus', 'taskliststatus') }} as task_list_status,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
