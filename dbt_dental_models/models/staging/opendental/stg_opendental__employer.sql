with source as (
    select * from {{ source('opendental', 'employer') }}
),

renamed as (
    select
        -- ids
        employernum as employer_id,

        -- attributes
        {{ od_text('empname') }} as emp_name,
        {{ od_text('address') }} as address,
        {{ od_text('address2') }} as address2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip,
        {{ od_text('phone') }} as phone,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
