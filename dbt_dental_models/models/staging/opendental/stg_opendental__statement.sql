with source as (
    select * from {{ source('opendental', 'statement') }}
),

renamed as (
    select
        -- ids
        statementnum as statement_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('superfamily') }} as super_family_head_patient_id,
        {{ od_key('docnum') }} as document_id,

        -- dates
        {{ od_date('datesent') }} as sent_date,
        {{ od_date('daterangefrom') }} as period_start_date,
        {{ od_date('daterangeto') }} as period_end_date,

        -- amounts
        {{ od_money('baltotal') }} as total_balance_amount,
        {{ od_money('insest') }} as insurance_estimate_amount,

        -- attributes
        {{ od_text('note') }} as note,
        {{ od_text('notebold') }} as bold_note,
        {{ od_text('emailsubject') }} as email_subject,
        {{ od_text('emailbody') }} as email_body,
        {{ od_text('shortguid') }} as short_guid,
        {{ od_text('statementshorturl') }} as statement_short_url,
        {{ od_text('statementurl') }} as statement_url,

        -- flags
        {{ od_bool('issent') }} as is_sent,
        {{ od_bool('singlepatient') }} as is_single_patient,
        {{ od_bool('intermingled') }} as is_intermingled,
        {{ od_bool('hidepayment') }} as is_payment_section_hidden,
        {{ od_bool('isreceipt') }} as is_receipt,
        {{ od_bool('isinvoice') }} as is_invoice,
        {{ od_bool('isinvoicecopy') }} as is_invoice_copy,
        {{ od_bool('isbalvalid') }} as is_balance_valid,

        -- codes
        mode_ as delivery_mode_code,
        {{ od_enum_label('statement', 'Mode_', 'mode_') }} as delivery_mode,
        -- OpenDental stores this enum by its value name, so it is decoded by name, not code.
        {{ od_text('statementtype') }} as statement_type_name,
        (
            select labels.label
            from {{ ref('opendental_enum_labels') }} as labels
            where labels.table_name = 'statement'
              and labels.column_name = 'StatementType'
              and labels.value_name = source.statementtype
        ) as statement_type,
        smssendstatus as sms_send_status_code,
        {{ od_enum_label('statement', 'SmsSendStatus', 'smssendstatus') }} as sms_send_status,
        limitedcustomfamily as limited_statement_scope_code,
        {{ od_enum_label('statement', 'LimitedCustomFamily', 'limitedcustomfamily') }} as limited_statement_scope,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
