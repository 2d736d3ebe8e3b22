with

provider_profiles as (
    select * from {{ ref('int_provider_profile') }}
),

final as (
    select
        -- ids
        provider_id,
        primary_clinic_id,
        fee_schedule_id,

        -- dates
        term_end_date,
        first_procedure_date,
        last_procedure_date,

        -- attributes
        abbreviation as provider_abbreviation,
        first_name,
        last_name,
        provider_role,
        specialty_name,
        provider_status,
        cast(completed_procedure_count as bigint) as completed_procedure_count,
        cast(clinic_count as bigint) as clinic_count,
        cast(default_for_clinic_count as bigint) as default_for_clinic_count,

        -- flags
        is_hygienist,
        is_hidden,
        is_active
    from provider_profiles
)

select * from final
