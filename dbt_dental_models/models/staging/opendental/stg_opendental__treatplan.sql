with source as (
    select * from {{ source('opendental', 'treatplan') }}
),

renamed as (
    select
        -- ids
        treatplannum as treatment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('responsparty') }} as responsible_party_id,
        {{ od_key('docnum') }} as signed_document_id,
        {{ od_key('usernumpresenter') }} as presenter_user_id,
        {{ od_key('mobileappdevicenum') }} as mobile_app_device_id,

        -- dates
        {{ od_date('datetp') }} as treatment_plan_date,
        {{ od_timestamp('datetsigned') }} as signed_at,
        {{ od_timestamp('datetpracticesigned') }} as practice_signed_at,

        -- attributes
        {{ od_text('heading') }} as heading,
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,
        {{ od_text('signaturetext') }} as signed_name,
        {{ od_text('signaturepractice') }} as practice_signature,
        {{ od_text('signaturepracticetext') }} as practice_signed_name,

        -- flags
        {{ od_bool('sigistopaz') }} as is_topaz_signature,

        -- codes
        tpstatus as treatment_plan_status_code,
        {{ od_enum_label('treatplan', 'TPStatus', 'tpstatus') }} as treatment_plan_status,
        tptype as treatment_plan_type_code,
        {{ od_enum_label('treatplan', 'TPType', 'tptype') }} as treatment_plan_type,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
