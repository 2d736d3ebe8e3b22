with source as (
    select * from {{ source('opendental', 'laboratory') }}
),

renamed as (
    select
        -- ids
        laboratorynum as laboratory_id,
        {{ od_key('slip') }} as slip_sheet_definition_id,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('phone') }} as phone,
        {{ od_text('notes') }} as notes,
        {{ od_text('address') }} as address,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip,
        {{ od_text('email') }} as email,
        {{ od_text('wirelessphone') }} as wireless_phone,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
