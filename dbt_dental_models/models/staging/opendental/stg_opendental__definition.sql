with source as (
    select * from {{ source('opendental', 'definition') }}
),

renamed as (
    select
        -- ids
        defnum as definition_id,

        -- attributes
        {{ od_text('itemname') }} as item_name,
        {{ od_text('itemvalue') }} as item_value,
        itemorder as display_order,
        itemcolor as item_color,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- codes
        category as category_code,
        {{ od_enum_label('definition', 'Category', 'category') }} as category,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
