with source as (
    select * from {{ source('opendental', 'claimtracking') }}
),

renamed as (
    select
        -- ids
        claimtrackingnum as claim_tracking_id,
        {{ od_key('claimnum') }} as claim_id,
        {{ od_key('usernum') }} as user_id,
        {{ od_key('trackingdefnum') }} as tracking_status_definition_id,
        {{ od_key('trackingerrordefnum') }} as error_code_definition_id,

        -- dates
        {{ od_timestamp('datetimeentry') }} as entered_at,

        -- attributes
        {{ od_text('note') }} as note,

        -- codes
        -- OpenDental stores this enum by its value name, so it is decoded by name, not code.
        {{ od_text('trackingtype') }} as tracking_type_name,
        (
            select labels.label
            from {{ ref('opendental_enum_labels') }} as labels
            where labels.table_name = 'claimtracking'
              and labels.column_name = 'TrackingType'
              and labels.value_name = source.trackingtype
        ) as tracking_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
