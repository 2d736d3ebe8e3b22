with source as (
    select * from {{ source('opendental', 'adjustment') }}
),

renamed as (
    select
        -- ids
        adjnum as adjustment_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('adjtype') }} as adjustment_type_definition_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('statementnum') }} as statement_id,
        {{ od_key('taxtransid') }} as tax_transaction_id,

        -- dates
        {{ od_date('adjdate') }} as adjustment_date,
        {{ od_date('procdate') }} as procedure_date,
        {{ od_date('dateentry') }} as entry_date,

        -- amounts
        {{ od_money('adjamt') }} as adjustment_amount,

        -- attributes
        {{ od_text('adjnote') }} as adjustment_note,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
