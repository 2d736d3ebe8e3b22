with source as (
    select * from {{ source('opendental', 'securitylog') }}
),

renamed as (
    select
        -- ids
        securitylognum as security_log_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('patnum') }} as patient_id,

        -- dates
        {{ od_timestamp('logdatetime') }} as log_date_time_at,
        {{ od_timestamp('datetprevious') }} as previous_at,

        -- attributes
        {{ od_text('logtext') }} as log_text,
        {{ od_text('compname') }} as comp_name,
        fkey as f_key,
        defnum as definition_num,
        defnumerror as definition_num_error,

        -- codes
        permtype as perm_type_code,
        {{ od_enum_label('securitylog', 'PermType', 'permtype') }} as perm_type,
        logsource as log_source_code,
        {{ od_enum_label('securitylog', 'LogSource', 'logsource') }} as log_source,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
