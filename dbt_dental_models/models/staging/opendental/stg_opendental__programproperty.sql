with source as (
    select * from {{ source('opendental', 'programproperty') }}
),

renamed as (
    select
        -- ids
        programpropertynum as program_property_id,
        {{ od_key('programnum') }} as program_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- attributes
        {{ od_text('propertydesc') }} as property_name,
        {{ od_text('propertyvalue') }} as property_value,
        {{ od_text('computername') }} as computer_name,

        -- flags
        {{ od_bool('ismasked') }} as is_masked,
        {{ od_bool('ishighsecurity') }} as is_high_security,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
