with source as (
    select * from {{ source('opendental', 'provider') }}
),

renamed as (
    select
        -- ids
        provnum as provider_id,
        {{ od_key('feesched') }} as fee_schedule_id,
        {{ od_key('specialty') }} as specialty_definition_id,
        {{ od_key('schoolclassnum') }} as school_class_id,
        {{ od_key('provnumbillingoverride') }} as billing_override_provider_id,
        {{ od_key('emailaddressnum') }} as email_address_id,

        -- dates
        {{ od_date('birthdate') }} as birth_date,
        {{ od_date('dateterm') }} as term_end_date,

        -- amounts
        {{ od_money('hourlyprodgoalamt') }} as hourly_production_goal_amount,

        -- attributes
        {{ od_text('abbr') }} as abbreviation,
        itemorder as display_order,
        {{ od_text('lname') }} as last_name,
        {{ od_text('fname') }} as first_name,
        {{ od_text('mi') }} as middle_initial,
        {{ od_text('preferredname') }} as preferred_name,
        {{ od_text('suffix') }} as suffix,
        {{ od_text('ssn') }} as ssn_or_tin,
        {{ od_text('statelicense') }} as state_license_number,
        {{ od_text('statewherelicensed') }} as license_state,
        {{ od_text('deanum') }} as dea_number,
        {{ od_text('nationalprovid') }} as national_provider_id,
        {{ od_text('bluecrossid') }} as blue_cross_id,
        {{ od_text('medicaidid') }} as medicaid_id,
        {{ od_text('canadianofficenum') }} as canadian_office_number,
        {{ od_text('taxonomycodeoverride') }} as taxonomy_code_override,
        {{ od_text('ecwid') }} as medical_software_id,
        {{ od_text('staterxid') }} as state_rx_id,
        {{ od_text('customid') }} as custom_id,
        provcolor as appointment_color,
        outlinecolor as appointment_outline_color,
        anesthprovtype as anesthesia_provider_type,
        ehrmustage as ehr_meaningful_use_stage,
        {{ od_text('schednote') }} as scheduling_note,
        {{ od_text('webscheddescript') }} as web_sched_description,
        {{ od_text('webschedimagelocation') }} as web_sched_image_file,

        -- flags
        {{ od_bool('issecondary') }} as is_hygienist,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('ishiddenreport') }} as is_hidden_on_reports,
        {{ od_bool('usingtin') }} as is_tax_id_not_ssn,
        {{ od_bool('sigonfile') }} as has_signature_on_file,
        {{ od_bool('iscdanet') }} as is_cdanet,
        {{ od_bool('isnotperson') }} as is_not_person,
        {{ od_bool('isinstructor') }} as is_instructor,

        -- codes
        provstatus as provider_status_code,
        {{ od_enum_label('provider', 'ProvStatus', 'provstatus') }} as provider_status,
        iserxenabled as erx_enabled_status_code,
        {{ od_enum_label('provider', 'IsErxEnabled', 'iserxenabled') }} as erx_enabled_status,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
