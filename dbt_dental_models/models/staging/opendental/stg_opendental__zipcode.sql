with source as (
    select * from {{ source('opendental', 'zipcode') }}
),

renamed as (
    select
        -- ids
        zipcodenum as zipcode_id,

        -- attributes
        {{ od_text('zipcodedigits') }} as zip_code,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,

        -- flags
        {{ od_bool('isfrequent') }} as is_frequent,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
