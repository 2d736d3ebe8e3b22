with source as (
    select * from {{ source('opendental', 'orthocase') }}
),

renamed as (
    select
        -- ids
        orthocasenum as ortho_case_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('orthotype') }} as ortho_type_definition_id,

        -- dates
        {{ od_date('bandingdate') }} as banding_date,
        {{ od_date('debonddate') }} as debond_date,
        {{ od_date('debonddateexpected') }} as expected_debond_date,

        -- amounts
        {{ od_money('fee') }} as contract_fee_amount,
        {{ od_money('feeinsprimary') }} as primary_insurance_portion_amount,
        {{ od_money('feepat') }} as patient_portion_amount,
        {{ od_money('feeinssecondary') }} as secondary_insurance_portion_amount,

        -- flags
        {{ od_bool('istransfer') }} as is_transfer,
        {{ od_bool('isactive') }} as is_active,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
