with source as (
    select * from {{ source('opendental', 'securitylog') }}
),

renamed as (
    select
        -- ids
        securitylognum as security_log_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('fkey') }} as related_object_id,
        {{ od_key('defnum') }} as unused_definition_id,
        {{ od_key('defnumerror') }} as unused_error_definition_id,

        -- dates
        {{ od_timestamp('logdatetime') }} as logged_at,
        {{ od_timestamp('datetprevious') }} as previous_object_updated_at,

        -- attributes
        {{ od_text('logtext') }} as log_text,
        {{ od_text('compname') }} as computer_name,

        -- codes
        permtype as permission_type_code,
        {{ od_enum_label('securitylog', 'PermType', 'permtype') }} as permission_type,
        logsource as log_source_code,
        {{ od_enum_label('securitylog', 'LogSource', 'logsource') }} as log_source,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
