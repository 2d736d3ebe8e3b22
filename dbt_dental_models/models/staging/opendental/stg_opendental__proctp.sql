with source as (
    select * from {{ source('opendental', 'proctp') }}
),

renamed as (
    select
        -- ids
        proctpnum as treatment_plan_procedure_id,
        {{ od_key('treatplannum') }} as treatment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('procnumorig') }} as procedure_num_orig_procedure_id,
        {{ od_key('priority') }} as priority_definition_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- dates
        {{ od_date('datetp') }} as tp_date,

        -- amounts
        {{ od_money('feeamt') }} as fee_amt_amount,
        {{ od_money('priinsamt') }} as pri_insurance_amt_amount,
        {{ od_money('secinsamt') }} as sec_insurance_amt_amount,
        {{ od_money('patamt') }} as patient_amt_amount,
        {{ od_money('discount') }} as discount_amount,
        {{ od_money('feeallowed') }} as fee_allowed_amount,
        {{ od_money('taxamt') }} as tax_amt_amount,
        {{ od_money('catpercucr') }} as cat_perc_ucr_amount,

        -- attributes
        itemorder as item_order,
        {{ od_text('toothnumtp') }} as tooth_num_tp,
        {{ od_text('surf') }} as surf,
        {{ od_text('proccode') }} as procedure_code,
        {{ od_text('descript') }} as descript,
        {{ od_text('prognosis') }} as prognosis,
        {{ od_text('dx') }} as dx,
        {{ od_text('procabbr') }} as procedure_abbr,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
