with preferences as (
    select * from {{ ref('stg_opendental__userodpref') }}
),

users as (
    select * from {{ ref('stg_opendental__userod') }}
),

providers as (
    select * from {{ ref('stg_opendental__provider') }}
),

-- A user linked to a provider works as that provider (hygienist or dentist); any other user is
-- office staff.
user_roles as (
    select
        users.user_id,
        users.user_name,
        users.default_clinic_id,
        users.provider_id,
        case
            when providers.provider_id is not null
                then trim(concat(concat(coalesce(providers.first_name, ''), ' '), coalesce(providers.last_name, '')))
        end as provider_name,
        case
            when providers.provider_id is null then 'office_staff'
            when providers.is_hygienist then 'hygienist'
            else 'dentist'
        end as user_role
    from users
    left join providers
        on users.provider_id = providers.provider_id
),

final as (
    select
        -- ids
        preferences.user_preference_id,
        preferences.user_id,
        preferences.clinic_id,
        preferences.related_object_id,
        case
            when preferences.preference_kind = 'clinic_last' then preferences.related_object_id
        end as last_clinic_id,
        user_roles.provider_id,

        -- attributes
        user_roles.user_name,
        user_roles.provider_name,
        preferences.preference_value,
        -- On/off kinds keep 1/0; kinds whose row's presence is the setting have no value.
        case
            when preferences.preference_value in ('1', 'true', 'True') then true
            when preferences.preference_value in ('0', 'false', 'False') then false
            when preferences.preference_value is null
                and preferences.preference_kind in ('suppress_log_off_message', 'image_category_expanded')
                then true
        end as preference_flag,
        case
            when preferences.preference_kind = 'log_off_timer_override'
                then {{ dbt.safe_cast('preferences.preference_value', dbt.type_int()) }}
        end as log_off_minutes,

        -- codes
        preferences.preference_kind_code,
        preferences.preference_kind,
        user_roles.user_role
    from preferences
    left join user_roles
        on preferences.user_id = user_roles.user_id
)

select * from final
