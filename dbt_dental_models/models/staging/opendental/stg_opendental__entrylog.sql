with source as (
    select * from {{ source('opendental', 'entrylog') }}
),

renamed as (
    select
        -- ids
        entrylognum as entry_log_id,
        {{ od_key('usernum') }} as user_id,

        -- dates
        {{ od_timestamp('entrydatetime') }} as entry_date_time_at,

        -- attributes
        fkey as f_key,

        -- codes
        fkeytype as f_key_type_code,
        {{ od_enum_label('entrylog', 'FKeyType', 'fkeytype') }} as f_key_type,
        logsource as log_source_code,
        {{ od_enum_label('entrylog', 'LogSource', 'logsource') }} as log_source,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
