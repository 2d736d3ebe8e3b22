with source as (
    select * from {{ source('opendental', 'userod') }}
),

renamed as (
    select
        -- ids
        usernum as user_id,
        {{ od_key('employeenum') }} as employee_id,
        {{ od_key('clinicnum') }} as default_clinic_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('tasklistinbox') }} as inbox_task_list_id,
        {{ od_key('usernumcemt') }} as central_manager_user_id,
        {{ od_key('usergroupnum') }} as legacy_user_group_id,

        -- dates
        {{ od_timestamp('datetfail') }} as last_failed_login_at,
        {{ od_timestamp('datetlastlogin') }} as last_login_at,

        -- attributes
        {{ od_text('username') }} as user_name,
        {{ od_text('password') }} as password_hash,
        {{ od_text('domainuser') }} as domain_user_name,
        {{ od_text('badgeid') }} as badge_id,
        {{ od_text('mobilewebpin') }} as mobile_web_pin_hash,
        {{ od_text('eclipboardclinicalpin') }} as eclipboard_clinical_pin_hash,
        anesthprovtype as anesthesia_provider_type,
        failedattempts as failed_login_attempts,
        mobilewebpinfailedattempts as mobile_web_pin_failed_attempts,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('defaulthidepopups') }} as is_popup_blocking_default,
        {{ od_bool('inboxhidepopups') }} as is_inbox_popup_blocking_default,
        {{ od_bool('passwordisstrong') }} as is_password_strong,
        {{ od_bool('ispasswordresetrequired') }} as is_password_reset_required,
        {{ od_bool('clinicisrestricted') }} as is_clinic_restricted,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
