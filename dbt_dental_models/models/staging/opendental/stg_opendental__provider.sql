with source as (
    select * from {{ source('opendental', 'provider') }}
),

renamed as (
    select
        -- ids
        provnum as provider_id,
        {{ od_key('feesched') }} as fee_sched_fee_schedule_id,
        {{ od_key('specialty') }} as specialty_definition_id,
        {{ od_key('schoolclassnum') }} as school_class_schoolclass_id,
        {{ od_key('provnumbillingoverride') }} as provider_num_billing_override_provider_id,

        -- dates
        {{ od_date('birthdate') }} as birthdate,
        {{ od_date('dateterm') }} as term_date,

        -- amounts
        {{ od_money('hourlyprodgoalamt') }} as hourly_prod_goal_amt_amount,

        -- attributes
        {{ od_text('abbr') }} as abbr,
        itemorder as item_order,
        {{ od_text('lname') }} as l_name,
        {{ od_text('fname') }} as f_name,
        {{ od_text('mi') }} as mi,
        {{ od_text('suffix') }} as suffix,
        {{ od_text('ssn') }} as ssn,
        {{ od_text('statelicense') }} as state_license,
        {{ od_text('deanum') }} as dea_num,
        provcolor as provider_color,
        {{ od_text('bluecrossid') }} as blue_cross_id,
        {{ od_text('medicaidid') }} as medicaid_id,
        outlinecolor as outline_color,
        {{ od_text('nationalprovid') }} as national_provider_id,
        {{ od_text('canadianofficenum') }} as canadian_office_num,
        anesthprovtype as anesth_provider_type,
        {{ od_text('taxonomycodeoverride') }} as taxonomy_code_override,
        {{ od_text('ecwid') }} as ecw_id,
        {{ od_text('staterxid') }} as state_rx_id,
        {{ od_text('statewherelicensed') }} as state_where_licensed,
        emailaddressnum as email_address_num,
        ehrmustage as ehr_mu_stage,
        {{ od_text('customid') }} as custom_id,
        {{ od_text('schednote') }} as sched_note,
        {{ od_text('webscheddescript') }} as web_sched_descript,
        {{ od_text('webschedimagelocation') }} as web_sched_image_location,
        {{ od_text('preferredname') }} as preferred_name,

        -- flags
        {{ od_bool('issecondary') }} as is_secondary,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('usingtin') }} as is_using_tin,
        {{ od_bool('sigonfile') }} as is_sig_on_file,
        {{ od_bool('iscdanet') }} as is_cd_anet,
        {{ od_bool('isnotperson') }} as is_not_person,
        {{ od_bool('isinstructor') }} as is_instructor,
        {{ od_bool('ishiddenreport') }} as is_hidden_report,

        -- codes
        provstatus as provider_status_code,
        {{ od_enum_label('provider', 'ProvStatus', 'provstatus') }} as provider_status,
        iserxenabled as is_erx_enabled_code,
        {{ od_enum_label('provider', 'IsErxEnabled', 'iserxenabled') }} as is_erx_enabled,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
