with source as (
    select * from {{ source('opendental', 'payplancharge') }}
),

renamed as (
    select
        -- ids
        payplanchargenum as payment_plan_charge_id,
        {{ od_key('payplannum') }} as payment_plan_id,
        {{ od_key('guarantor') }} as guarantor_patient_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('statementnum') }} as statement_id,

        -- dates
        {{ od_date('chargedate') }} as charge_date,

        -- amounts
        {{ od_money('principal') }} as principal_amount,
        {{ od_money('interest') }} as interest_amount,

        -- attributes
        {{ od_text('note') }} as note,
        fkey as f_key,

        -- flags
        {{ od_bool('isoffset') }} as is_offset,

        -- codes
        chargetype as charge_type_code,
        {{ od_enum_label('payplancharge', 'ChargeType', 'chargetype') }} as charge_type,
        linktype as link_type_code,
        {{ od_enum_label('payplancharge', 'LinkType', 'linktype') }} as link_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
