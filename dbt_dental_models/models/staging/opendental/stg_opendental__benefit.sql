with source as (
    select * from {{ source('opendental', 'benefit') }}
),

renamed as (
    select
        -- ids
        benefitnum as benefit_id,
        {{ od_key('plannum') }} as insurance_plan_id,
        {{ od_key('patplannum') }} as patient_plan_id,
        {{ od_key('codenum') }} as procedure_code_id,
        {{ od_key('covcatnum') }} as coverage_category_id,
        {{ od_key('codegroupnum') }} as code_group_id,

        -- amounts
        {{ od_money('monetaryamt') }} as benefit_amount,

        -- attributes
        percent as coinsurance_percent,
        quantity,

        -- codes
        benefittype as benefit_type_code,
        {{ od_enum_label('benefit', 'BenefitType', 'benefittype') }} as benefit_type,
        timeperiod as time_period_code,
        {{ od_enum_label('benefit', 'TimePeriod', 'timeperiod') }} as time_period,
        quantityqualifier as quantity_qualifier_code,
        {{ od_enum_label('benefit', 'QuantityQualifier', 'quantityqualifier') }} as quantity_qualifier,
        coveragelevel as coverage_level_code,
        {{ od_enum_label('benefit', 'CoverageLevel', 'coveragelevel') }} as coverage_level,
        treatarea as treatment_area_code,
        {{ od_enum_label('benefit', 'TreatArea', 'treatarea') }} as treatment_area,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
