with source as (
    select * from {{ source('opendental', 'patientlink') }}
),

renamed as (
    select
        -- ids
        patientlinknum as patient_link_id,
        {{ od_key('patnumfrom') }} as from_patient_id,
        {{ od_key('patnumto') }} as to_patient_id,

        -- dates
        {{ od_timestamp('datetimelink') }} as linked_at,

        -- codes
        linktype as link_type_code,
        {{ od_enum_label('patientlink', 'LinkType', 'linktype') }} as link_type,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
