with source as (
    select * from {{ source('opendental', 'schedule') }}
),

renamed as (
    select
        -- ids
        schedulenum as schedule_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('employeenum') }} as employee_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('blockouttype') }} as blockout_type_definition_id,

        -- dates
        {{ od_date('scheddate') }} as schedule_date,
        {{ od_minutes('starttime') }} as start_time_minutes,
        {{ od_minutes('stoptime') }} as stop_time_minutes,

        -- attributes
        {{ od_text('note') }} as note,

        -- codes
        schedtype as schedule_type_code,
        {{ od_enum_label('schedule', 'SchedType', 'schedtype') }} as schedule_type,
        status as schedule_status_code,
        {{ od_enum_label('schedule', 'Status', 'status') }} as schedule_status,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
