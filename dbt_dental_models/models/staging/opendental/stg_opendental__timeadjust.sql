with source as (
    select * from {{ source('opendental', 'timeadjust') }}
),

renamed as (
    select
        -- ids
        timeadjustnum as time_adjustment_id,
        {{ od_key('employeenum') }} as employee_employee_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('ptodefnum') }} as pto_definition_definition_id,
        {{ od_key('secuusernumentry') }} as secu_user_num_entry_user_id,

        -- dates
        {{ od_timestamp('timeentry') }} as time_entry_at,

        -- amounts
        {{ od_minutes('reghours') }} as reg_hours_minutes,
        {{ od_minutes('otimehours') }} as o_time_hours_minutes,
        {{ od_minutes('ptohours') }} as pto_hours_minutes,

        -- attributes
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('isauto') }} as is_auto,
        {{ od_bool('isunpaidprotectedleave') }} as is_unpaid_protected_leave,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
