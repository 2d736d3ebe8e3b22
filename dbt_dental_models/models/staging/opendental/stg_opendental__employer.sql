with source as (
    select * from {{ source('opendental', 'employer') }}
),

renamed as (
    select
        -- ids
        employernum as employer_id,

        -- attributes
        {{ od_text('empname') }} as employer_name,
        {{ od_text('address') }} as address_line_1,
        {{ od_text('address2') }} as address_line_2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip_code,
        {{ od_text('phone') }} as phone,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
