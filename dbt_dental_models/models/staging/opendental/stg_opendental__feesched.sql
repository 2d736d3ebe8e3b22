with source as (
    select * from {{ source('opendental', 'feesched') }}
),

renamed as (
    select
        -- ids
        feeschednum as fee_schedule_id,

        -- attributes
        {{ od_text('description') }} as description,
        itemorder as display_order,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('isglobal') }} as is_global,

        -- codes
        feeschedtype as fee_schedule_type_code,
        {{ od_enum_label('feesched', 'FeeSchedType', 'feeschedtype') }} as fee_schedule_type,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
