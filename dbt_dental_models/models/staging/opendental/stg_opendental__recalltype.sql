with source as (
    select * from {{ source('opendental', 'recalltype') }}
),

renamed as (
    select
        -- ids
        recalltypenum as recall_type_id,

        -- attributes
        {{ od_text('description') }} as description,
        defaultinterval as default_interval,
        {{ od_text('timepattern') }} as time_pattern,
        {{ od_text('procedures') }} as procedures,

        -- flags
        {{ od_bool('appendtospecial') }} as is_append_to_special,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
