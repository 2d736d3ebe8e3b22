with source as (
    select * from {{ source('opendental', 'recalltype') }}
),

renamed as (
    select
        -- ids
        recalltypenum as recall_type_id,

        -- attributes
        {{ od_text('description') }} as recall_type_name,
        defaultinterval as default_interval_packed,
        {{ od_interval_parts('defaultinterval', 'default_interval') }},
        {{ od_text('timepattern') }} as time_pattern,
        {{ od_text('procedures') }} as procedure_codes,

        -- flags
        {{ od_bool('appendtospecial') }} as is_appended_to_special_recall,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
