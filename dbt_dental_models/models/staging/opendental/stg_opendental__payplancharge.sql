with source as (
    select * from {{ source('opendental', 'payplancharge') }}
),

renamed as (
    select
        -- ids
        payplanchargenum as payment_plan_charge_id,
        {{ od_key('payplannum') }} as payment_plan_id,
        {{ od_key('guarantor') }} as guarantor_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('statementnum') }} as statement_id,
        {{ od_key('fkey') }} as linked_object_id,

        -- dates
        {{ od_date('chargedate') }} as charge_date,

        -- amounts
        {{ od_money('principal') }} as principal_amount,
        {{ od_money('interest') }} as interest_amount,

        -- attributes
        {{ od_text('note') }} as note,

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
