with source as (
    select * from {{ source('opendental', 'recalltype') }}
),

renamed as (
    select
        -- ids
        recalltypenum as recall_type_id,

        -- attributes
        {{ od_text('description') }} as recall_type_name,
        -- OpenDental packs an interval into one integer, a byte each (low to high) for days,
        -- weeks, months and years; the parts are unpacked here.
        defaultinterval as default_interval_packed,
        cast((defaultinterval & 2130706432) / 16777216 as integer) as default_interval_years,
        cast((defaultinterval & 16711680) / 65536 as integer) as default_interval_months,
        cast((defaultinterval & 65280) / 256 as integer) as default_interval_weeks,
        cast(defaultinterval & 255 as integer) as default_interval_days,
        {{ od_text('timepattern') }} as time_pattern,
        {{ od_text('procedures') }} as procedure_codes,

        -- flags
        {{ od_bool('appendtospecial') }} as is_appended_to_special_recall,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
