with source as (
    select * from {{ source('opendental', 'orthoplanlink') }}
),

renamed as (
    select
        -- ids
        orthoplanlinknum as ortho_plan_link_id,
        {{ od_key('orthocasenum') }} as ortho_case_id,

        -- the linked row: an ortho schedule, or an insurance or patient payment plan (link_type)
        {{ od_key('fkey') }} as linked_record_id,

        -- flags
        {{ od_bool('isactive') }} as is_active,

        -- codes
        linktype as link_type_code,
        {{ od_enum_label('orthoplanlink', 'LinkType', 'linktype') }} as link_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        _loaded_at
    from source
)

select * from renamed
