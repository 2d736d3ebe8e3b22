with source as (
    select * from {{ source('opendental', 'clockevent') }}
),

renamed as (
    select
        -- ids
        clockeventnum as clock_event_id,
        {{ od_key('employeenum') }} as employee_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- dates: the displayed times are the timecard's (a manager may edit them); the entered
        -- times are when the buttons were pressed.
        {{ od_timestamp('timedisplayed1') }} as clocked_in_at,
        {{ od_timestamp('timedisplayed2') }} as clocked_out_at,
        {{ od_timestamp('timeentered1') }} as entered_in_at,
        {{ od_timestamp('timeentered2') }} as entered_out_at,

        -- amounts, in minutes; OpenDental's -1 hour ("not overridden") becomes null
        nullif({{ od_minutes('otimehours') }}, -60) as overtime_override_minutes,
        {{ od_minutes('otimeauto') }} as overtime_auto_minutes,
        {{ od_minutes('adjust') }} as adjustment_minutes,
        {{ od_minutes('adjustauto') }} as adjustment_auto_minutes,
        nullif({{ od_minutes('rate2hours') }}, -60) as rate2_override_minutes,
        {{ od_minutes('rate2auto') }} as rate2_auto_minutes,
        nullif({{ od_minutes('rate3hours') }}, -60) as rate3_override_minutes,
        {{ od_minutes('rate3auto') }} as rate3_auto_minutes,

        -- attributes
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('adjustisoverridden') }} as is_adjustment_overridden,
        {{ od_bool('isworkinghome') }} as is_working_home,

        -- codes
        clockstatus as clock_status_code,
        {{ od_enum_label('clockevent', 'ClockStatus', 'clockstatus') }} as clock_status,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
