with source as (
    select * from {{ source('opendental', 'patfield') }}
),

renamed as (
    select
        -- ids
        patfieldnum as patient_field_id,
        {{ od_key('patnum') }} as patient_id,

        -- attributes
        {{ od_text('fieldname') }} as field_name,
        {{ od_text('fieldvalue') }} as field_value,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
