with source as (
    select * from {{ source('opendental', 'entrylog') }}
),

renamed as (
    select
        -- ids
        entrylognum as entry_log_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('fkey') }} as related_object_id,

        -- dates
        {{ od_timestamp('entrydatetime') }} as logged_at,

        -- codes
        fkeytype as related_object_type_code,
        {{ od_enum_label('entrylog', 'FKeyType', 'fkeytype') }} as related_object_type,
        logsource as log_source_code,
        {{ od_enum_label('entrylog', 'LogSource', 'logsource') }} as log_source,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
