with source as (
    select * from {{ source('opendental', 'treatplan') }}
),

renamed as (
    select
        -- ids
        treatplannum as treatment_plan_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('responsparty') }} as respons_party_patient_id,
        {{ od_key('docnum') }} as document_id,
        {{ od_key('usernumpresenter') }} as user_num_presenter_user_id,
        {{ od_key('mobileappdevicenum') }} as mobile_app_device_mobileappdevice_id,

        -- dates
        {{ od_date('datetp') }} as tp_date,
        {{ od_timestamp('datetsigned') }} as signed_at,
        {{ od_timestamp('datetpracticesigned') }} as practice_signed_at,

        -- attributes
        {{ od_text('heading') }} as heading,
        {{ od_text('note') }} as note,
        {{ od_text('signature') }} as signature,
        {{ od_text('signaturepractice') }} as signature_practice,
        {{ od_text('signaturetext') }} as signature_text,
        {{ od_text('signaturepracticetext') }} as signature_practice_text,

        -- flags
        {{ od_bool('sigistopaz') }} as is_sig_is_topaz,

        -- codes
        tpstatus as tp_status_code,
        {{ od_enum_label('treatplan', 'TPStatus', 'tpstatus') }} as tp_status,
        tptype as tp_type_code,
        {{ od_enum_label('treatplan', 'TPType', 'tptype') }} as tp_type,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
