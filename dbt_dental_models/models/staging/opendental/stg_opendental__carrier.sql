with source as (
    select * from {{ source('opendental', 'carrier') }}
),

renamed as (
    select
        -- ids
        carriernum as carrier_id,
        {{ od_key('canadiannetworknum') }} as canadian_network_id,
        {{ od_key('carriergroupname') }} as carrier_group_definition_id,

        -- attributes
        {{ od_text('carriername') }} as carrier_name,
        {{ od_text('address') }} as address_line_1,
        {{ od_text('address2') }} as address_line_2,
        {{ od_text('city') }} as city,
        {{ od_text('state') }} as state,
        {{ od_text('zip') }} as zip_code,
        {{ od_text('phone') }} as phone,
        {{ od_text('electid') }} as electronic_payer_id,
        {{ od_text('tin') }} as tax_id_number,
        appttextbackcolor as appointment_highlight_color,
        {{ od_text('cdanetversion') }} as cdanet_version,
        canadianencryptionmethod as canadian_encryption_method,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('iscda') }} as is_cdanet_carrier,
        {{ od_bool('iscoinsuranceinverted') }} as is_coinsurance_inverted,
        trustedetransflags as trusted_transaction_flags,
        {{ od_flag('trustedetransflags', 1) }} as is_real_time_eligibility_trusted,
        canadiansupportedtypes as cdanet_supported_transaction_flags,
        {{ od_flag('canadiansupportedtypes', 1) }} as is_cdanet_eligibility_08_supported,
        {{ od_flag('canadiansupportedtypes', 2) }} as is_cdanet_eligibility_response_18_supported,
        {{ od_flag('canadiansupportedtypes', 4) }} as is_cdanet_cob_claim_07_supported,
        {{ od_flag('canadiansupportedtypes', 8) }} as is_cdanet_claim_ack_embedded_11e_supported,
        {{ od_flag('canadiansupportedtypes', 16) }} as is_cdanet_claim_eob_embedded_21e_supported,
        {{ od_flag('canadiansupportedtypes', 32) }} as is_cdanet_claim_reversal_02_supported,
        {{ od_flag('canadiansupportedtypes', 64) }} as is_cdanet_claim_reversal_response_12_supported,
        {{ od_flag('canadiansupportedtypes', 128) }} as is_cdanet_predetermination_single_page_03_supported,
        {{ od_flag('canadiansupportedtypes', 256) }} as is_cdanet_predetermination_multi_page_03_supported,
        {{ od_flag('canadiansupportedtypes', 512) }} as is_cdanet_predetermination_ack_13_supported,
        {{ od_flag('canadiansupportedtypes', 1024) }} as is_cdanet_predetermination_ack_embedded_13e_supported,
        {{ od_flag('canadiansupportedtypes', 2048) }} as is_cdanet_outstanding_request_04_supported,
        {{ od_flag('canadiansupportedtypes', 4096) }} as is_cdanet_outstanding_ack_14_supported,
        {{ od_flag('canadiansupportedtypes', 8192) }} as is_cdanet_email_24_supported,
        {{ od_flag('canadiansupportedtypes', 16384) }} as is_cdanet_summary_reconciliation_request_05_supported,
        {{ od_flag('canadiansupportedtypes', 32768) }} as is_cdanet_summary_reconciliation_15_supported,
        {{ od_flag('canadiansupportedtypes', 65536) }} as is_cdanet_payment_reconciliation_request_06_supported,
        {{ od_flag('canadiansupportedtypes', 131072) }} as is_cdanet_payment_reconciliation_16_supported,
        {{ od_flag('canadiansupportedtypes', 262144) }} as is_cdanet_attachment_09_supported,

        -- codes
        nosendelect as electronic_claim_sending_code,
        {{ od_enum_label('carrier', 'NoSendElect', 'nosendelect') }} as electronic_claim_sending,
        cobinspaidbehavioroverride as cob_insurance_paid_behavior_override_code,
        {{ od_enum_label('carrier', 'CobInsPaidBehaviorOverride', 'cobinspaidbehavioroverride') }} as cob_insurance_paid_behavior_override,
        eraautomationoverride as era_automation_override_code,
        {{ od_enum_label('carrier', 'EraAutomationOverride', 'eraautomationoverride') }} as era_automation_override,
        orthoinspayconsolidate as ortho_payment_consolidation_code,
        {{ od_enum_label('carrier', 'OrthoInsPayConsolidate', 'orthoinspayconsolidate') }} as ortho_payment_consolidation,

        -- metadata
        {{ od_key('secusernumentry') }} as created_by_user_id,
        {{ od_date('secdateentry') }} as created_date,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
