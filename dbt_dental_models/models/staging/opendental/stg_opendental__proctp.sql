with source as (
    select * from {{ source('opendental', 'proctp') }}
),

renamed as (
    select
        -- ids
        proctpnum as treatment_plan_procedure_id,
        {{ od_key('treatplannum') }} as treatment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('procnumorig') }} as procedure_id,
        {{ od_key('priority') }} as priority_definition_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- dates
        {{ od_date('datetp') }} as treatment_planned_date,

        -- amounts
        {{ od_money('feeamt') }} as fee_amount,
        {{ od_money('feeallowed') }} as allowed_fee_amount,
        {{ od_money('catpercucr') }} as ucr_fee_amount,
        {{ od_money('priinsamt') }} as primary_insurance_amount,
        {{ od_money('secinsamt') }} as secondary_insurance_amount,
        {{ od_money('patamt') }} as patient_amount,
        {{ od_money('discount') }} as discount_amount,
        {{ od_money('taxamt') }} as tax_amount,

        -- attributes
        itemorder as item_order,
        {{ od_text('toothnumtp') }} as tooth_number,
        {{ od_text('surf') }} as surfaces,
        {{ od_text('proccode') }} as procedure_code,
        {{ od_text('descript') }} as description,
        {{ od_text('procabbr') }} as procedure_abbreviation,
        {{ od_text('prognosis') }} as prognosis,
        {{ od_text('dx') }} as diagnosis,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
