with source as (
    select * from {{ source('opendental', 'statement') }}
),

renamed as (
    select
        -- ids
        statementnum as statement_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('docnum') }} as document_id,
        {{ od_key('superfamily') }} as super_family_patient_id,

        -- dates
        {{ od_date('datesent') }} as sent_date,
        {{ od_date('daterangefrom') }} as range_from_date,
        {{ od_date('daterangeto') }} as range_to_date,

        -- amounts
        {{ od_money('insest') }} as insurance_est_amount,
        {{ od_money('baltotal') }} as bal_total_amount,

        -- attributes
        {{ od_text('note') }} as note,
        {{ od_text('notebold') }} as note_bold,
        {{ od_text('emailsubject') }} as email_subject,
        {{ od_text('emailbody') }} as email_body,
        {{ od_text('shortguid') }} as short_guid,
        {{ od_text('statementshorturl') }} as statement_short_url,
        {{ od_text('statementurl') }} as statement_url,

        -- flags
        {{ od_bool('hidepayment') }} as is_hide_payment,
        {{ od_bool('singlepatient') }} as is_single_patient,
        {{ od_bool('intermingled') }} as is_intermingled,
        {{ od_bool('issent') }} as is_sent,
        {{ od_bool('isreceipt') }} as is_receipt,
        {{ od_bool('isinvoice') }} as is_invoice,
        {{ od_bool('isinvoicecopy') }} as is_invoice_copy,
        {{ od_bool('isbalvalid') }} as is_bal_valid,

        -- codes
        mode_ as mode_code,
        {{ od_enum_label('statement', 'Mode_', 'mode_') }} as mode,
        {{ od_text('statementtype') }} as statement_type,
        smssendstatus as sms_send_status_code,
        {{ od_enum_label('statement', 'SmsSendStatus', 'smssendstatus') }} as sms_send_status,
        limitedcustomfamily as limited_custom_family_code,
        {{ od_enum_label('statement', 'LimitedCustomFamily', 'limitedcustomfamily') }} as limited_custom_family,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
