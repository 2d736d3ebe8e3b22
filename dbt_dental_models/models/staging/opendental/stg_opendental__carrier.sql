with source as (
    select * from {{ source('opendental', 'carrier') }}
),

renamed as (
    select
        -- ids
        carriernum as carrier_id,
        {{ od_key('canadiannetworknum') }} as canadian_network_canadiannetwork_id,
        {{ od_key('carriergroupname') }} as carrier_group_name_definition_id,

        -- attributes
        {{ od_text('carriername') }} as carrier_name,
        {{ od_text('address') }} as address,
        {{ od_text('address2') }} as address2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip,
        {{ od_text('phone') }} as phone,
        {{ od_text('electid') }} as elect_id,
        {{ od_text('cdanetversion') }} as cd_anet_version,
        canadianencryptionmethod as canadian_encryption_method,
        {{ od_text('tin') }} as tin,
        appttextbackcolor as appointment_text_back_color,

        -- flags
        {{ od_bool('iscda') }} as is_cda,
        {{ od_bool('ishidden') }} as is_hidden,
        canadiansupportedtypes as canadian_supported_types_flags,
        {{ od_flag('canadiansupportedtypes', 1) }} as is_eligibility_transaction_08,
        {{ od_flag('canadiansupportedtypes', 2) }} as is_eligibility_response_18,
        {{ od_flag('canadiansupportedtypes', 4) }} as is_cob_claim_transaction_07,
        {{ od_flag('canadiansupportedtypes', 8) }} as is_claim_ack_embedded_11e,
        {{ od_flag('canadiansupportedtypes', 16) }} as is_claim_eob_embedded_21e,
        {{ od_flag('canadiansupportedtypes', 32) }} as is_claim_reversal_02,
        {{ od_flag('canadiansupportedtypes', 64) }} as is_claim_reversal_response_12,
        {{ od_flag('canadiansupportedtypes', 128) }} as is_predetermination_single_page_03,
        {{ od_flag('canadiansupportedtypes', 256) }} as is_predetermination_multi_page_03,
        {{ od_flag('canadiansupportedtypes', 512) }} as is_predetermination_ack_13,
        {{ od_flag('canadiansupportedtypes', 1024) }} as is_predetermination_ack_embedded_13e,
        {{ od_flag('canadiansupportedtypes', 2048) }} as is_request_for_outstanding_trans_04,
        {{ od_flag('canadiansupportedtypes', 4096) }} as is_outstanding_trans_ack_14,
        {{ od_flag('canadiansupportedtypes', 8192) }} as is_email_transaction_24,
        {{ od_flag('canadiansupportedtypes', 16384) }} as is_request_for_summary_reconciliation_05,
        {{ od_flag('canadiansupportedtypes', 32768) }} as is_summary_reconciliation_15,
        {{ od_flag('canadiansupportedtypes', 65536) }} as is_request_for_payment_reconciliation_06,
        {{ od_flag('canadiansupportedtypes', 131072) }} as is_payment_reconciliation_16,
        {{ od_flag('canadiansupportedtypes', 262144) }} as is_attachment_09,
        {{ od_bool('iscoinsuranceinverted') }} as is_coinsurance_inverted,
        trustedetransflags as trusted_etrans_flags_flags,
        {{ od_flag('trustedetransflags', 1) }} as is_real_time_eligibility,

        -- codes
        nosendelect as no_send_elect_code,
        {{ od_enum_label('carrier', 'NoSendElect', 'nosendelect') }} as no_send_elect,
        cobinspaidbehavioroverride as cob_insurance_paid_behavior_override_code,
        {{ od_enum_label('carrier', 'CobInsPaidBehaviorOverride', 'cobinspaidbehavioroverride') }} as cob_insurance_paid_behavior_override,
        eraautomationoverride as era_automation_override_code,
        {{ od_enum_label('carrier', 'EraAutomationOverride', 'eraautomationoverride') }} as era_automation_override,
        orthoinspayconsolidate as ortho_insurance_pay_consolidate_code,
        {{ od_enum_label('carrier', 'OrthoInsPayConsolidate', 'orthoinspayconsolidate') }} as ortho_insurance_pay_consolidate,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
