with source as (
    select * from {{ source('opendental', 'timeadjust') }}
),

renamed as (
    select
        -- ids
        timeadjustnum as time_adjustment_id,
        {{ od_key('employeenum') }} as employee_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('ptodefnum') }} as pto_type_definition_id,

        -- dates
        {{ od_timestamp('timeentry') }} as timecard_at,

        -- amounts
        {{ od_minutes('reghours') }} as regular_minutes,
        {{ od_minutes('otimehours') }} as overtime_minutes,
        {{ od_minutes('ptohours') }} as pto_minutes,

        -- attributes
        {{ od_text('note') }} as note,

        -- flags
        {{ od_bool('isauto') }} as is_automatic,
        {{ od_bool('isunpaidprotectedleave') }} as is_unpaid_protected_leave,

        -- metadata
        {{ od_key('secuusernumentry') }} as created_by_user_id,
        _loaded_at
    from source
)

select * from renamed
