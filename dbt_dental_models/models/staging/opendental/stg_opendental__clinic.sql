with source as (
    select * from {{ source('opendental', 'clinic') }}
),

renamed as (
    select
        -- ids
        clinicnum as clinic_id,
        -- OpenDental keeps two rules in this key: 0 bills under the practice's default provider,
        -- -1 under each claim's treating provider; only a positive value names one provider.
        case when insbillingprov > 0 then insbillingprov end as insurance_billing_provider_id,
        {{ od_key('emailaddressnum') }} as email_address_id,
        {{ od_key('defaultprov') }} as default_provider_id,
        {{ od_key('region') }} as region_definition_id,

        -- dates
        {{ od_timestamp('smscontractdate') }} as sms_contract_signed_at,

        -- amounts
        {{ od_money('smsmonthlylimit') }} as sms_monthly_limit_amount,

        -- attributes
        {{ od_text('description') }} as description,
        {{ od_text('abbr') }} as abbreviation,
        {{ od_text('address') }} as address_line_1,
        {{ od_text('address2') }} as address_line_2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip_code,
        {{ od_text('phone') }} as phone,
        {{ od_text('fax') }} as fax,
        {{ od_text('banknumber') }} as deposit_account_number,
        {{ od_text('billingaddress') }} as billing_address_line_1,
        {{ od_text('billingaddress2') }} as billing_address_line_2,
        {{ od_text('billingcity') }} as billing_city,
        {{ od_text('billingstate') }} as billing_state,
        {{ od_text('billingzip') }} as billing_zip_code,
        {{ od_text('paytoaddress') }} as pay_to_address_line_1,
        {{ od_text('paytoaddress2') }} as pay_to_address_line_2,
        {{ od_text('paytocity') }} as pay_to_city,
        {{ od_text('paytostate') }} as pay_to_state,
        {{ od_text('paytozip') }} as pay_to_zip_code,
        itemorder as display_order,
        {{ od_text('medlabaccountnum') }} as medlab_account_number,
        {{ od_key('externalid') }} as external_id,
        {{ od_text('schednote') }} as scheduling_note,
        {{ od_text('timezone') }} as time_zone,
        {{ od_text('emailaliasoverride') }} as email_alias_override,

        -- flags
        {{ od_bool('ismedicalonly') }} as is_medical_only,
        {{ od_bool('usebilladdronclaims') }} as is_billing_address_used_on_claims,
        {{ od_bool('isinsverifyexcluded') }} as is_excluded_from_insurance_verification,
        {{ od_bool('isconfirmenabled') }} as is_automated_messaging_enabled,
        {{ od_bool('isconfirmdefault') }} as is_confirmation_default,
        {{ od_bool('isnewpatapptexcluded') }} as is_new_patient_web_sched_excluded,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('hasproconrx') }} as is_procedure_required_on_controlled_rx,

        -- codes
        defaultplaceservice as default_place_of_service_code,
        {{ od_enum_label('clinic', 'DefaultPlaceService', 'defaultplaceservice') }} as default_place_of_service,
        case
            when insbillingprov = 0 then 'default_practice_provider'
            when insbillingprov = -1 then 'treating_provider'
            when insbillingprov > 0 then 'specific_provider'
        end as insurance_billing_provider_rule,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
