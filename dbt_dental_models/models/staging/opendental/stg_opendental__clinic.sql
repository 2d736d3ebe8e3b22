with source as (
    select * from {{ source('opendental', 'clinic') }}
),

renamed as (
    select
        -- ids
        clinicnum as clinic_id,
        {{ od_key('insbillingprov') }} as insurance_billing_provider_provider_id,
        {{ od_key('emailaddressnum') }} as email_address_emailaddress_id,
        {{ od_key('defaultprov') }} as default_provider_provider_id,
        {{ od_key('region') }} as region_definition_id,

        -- dates
        {{ od_timestamp('smscontractdate') }} as sms_contract_date_at,

        -- amounts
        {{ od_money('smsmonthlylimit') }} as sms_monthly_limit_amount,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('address') }} as address,
        {{ od_text('address2') }} as address2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip,
        {{ od_text('phone') }} as phone,
        {{ od_text('banknumber') }} as bank_number,
        {{ od_text('fax') }} as fax,
        {{ od_text('billingaddress') }} as billing_address,
        {{ od_text('billingaddress2') }} as billing_address2,
        {{ od_text('billingcity') }} as billing_city,
        {{ od_text('billingstate') }} as billing_state,
        {{ od_text('billingzip') }} as billing_zip,
        {{ od_text('paytoaddress') }} as pay_to_address,
        {{ od_text('paytoaddress2') }} as pay_to_address2,
        {{ od_text('paytocity') }} as pay_to_city,
        {{ od_text('paytostate') }} as pay_to_state,
        {{ od_text('paytozip') }} as pay_to_zip,
        itemorder as item_order,
        {{ od_text('abbr') }} as abbr,
        {{ od_text('medlabaccountnum') }} as med_lab_account_num,
        externalid as external_id,
        {{ od_text('schednote') }} as sched_note,
        {{ od_text('timezone') }} as time_zone,
        {{ od_text('emailaliasoverride') }} as email_alias_override,

        -- flags
        {{ od_bool('ismedicalonly') }} as is_medical_only,
        {{ od_bool('usebilladdronclaims') }} as is_use_bill_addr_on_claims,
        {{ od_bool('isinsverifyexcluded') }} as is_insurance_verify_excluded,
        {{ od_bool('isconfirmenabled') }} as is_confirm_enabled,
        {{ od_bool('isconfirmdefault') }} as is_confirm_default,
        {{ od_bool('isnewpatapptexcluded') }} as is_new_patient_appointment_excluded,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('hasproconrx') }} as has_procedure_on_rx,

        -- codes
        defaultplaceservice as default_place_service_code,
        {{ od_enum_label('clinic', 'DefaultPlaceService', 'defaultplaceservice') }} as default_place_service,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
