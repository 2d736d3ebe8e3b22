with source as (
    select * from {{ source('opendental', 'employee') }}
),

renamed as (
    -- Payroll ids, phones and email addresses stay in raw: staff reports need none of them.
    select
        -- ids
        employeenum as employee_id,
        {{ od_key('reportsto') }} as reports_to_employee_id,

        -- attributes
        {{ od_text('fname') }} as first_name,
        {{ od_text('middlei') }} as middle_initial,
        {{ od_text('lname') }} as last_name,
        {{ od_text('clockstatus') }} as clock_status,
        {{ od_key('phoneext') }} as phone_extension,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('isfurloughed') }} as is_furloughed,
        {{ od_bool('isworkinghome') }} as is_working_home,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
