with source as (
    select * from {{ source('opendental', 'userod') }}
),

renamed as (
    select
        -- ids
        usernum as user_id,
        {{ od_key('employeenum') }} as employee_employee_id,
        {{ od_key('clinicnum') }} as clinic_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('tasklistinbox') }} as task_list_in_box_task_list_id,
        {{ od_key('usernumcemt') }} as user_num_cemt_user_id,

        -- dates
        {{ od_timestamp('datetfail') }} as fail_at,
        {{ od_timestamp('datetlastlogin') }} as last_login_at,

        -- attributes
        {{ od_text('username') }} as user_name,
        {{ od_text('password') }} as password,
        usergroupnum as user_group_num,
        anesthprovtype as anesth_provider_type,
        failedattempts as failed_attempts,
        {{ od_text('domainuser') }} as domain_user,
        {{ od_text('mobilewebpin') }} as mobile_web_pin,
        mobilewebpinfailedattempts as mobile_web_pin_failed_attempts,
        {{ od_text('eclipboardclinicalpin') }} as e_clipboard_clinical_pin,
        {{ od_text('badgeid') }} as badge_id,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('defaulthidepopups') }} as is_default_hide_popups,
        {{ od_bool('passwordisstrong') }} as is_password_is_strong,
        {{ od_bool('clinicisrestricted') }} as is_clinic_is_restricted,
        {{ od_bool('inboxhidepopups') }} as is_inbox_hide_popups,
        {{ od_bool('ispasswordresetrequired') }} as is_password_reset_required,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
