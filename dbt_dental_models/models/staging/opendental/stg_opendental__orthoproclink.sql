with source as (
    select * from {{ source('opendental', 'orthoproclink') }}
),

renamed as (
    select
        -- ids
        orthoproclinknum as ortho_procedure_link_id,
        {{ od_key('orthocasenum') }} as ortho_case_id,
        {{ od_key('procnum') }} as procedure_id,

        -- codes
        proclinktype as procedure_link_type_code,
        {{ od_enum_label('orthoproclink', 'ProcLinkType', 'proclinktype') }} as procedure_link_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        _loaded_at
    from source
)

select * from renamed
