with

clinic_profiles as (
    select * from {{ ref('int_clinic_profile') }}
),

final as (
    select
        -- ids
        clinic_id,
        default_provider_id,
        insurance_billing_provider_id,

        -- dates
        first_procedure_date,
        last_procedure_date,

        -- attributes
        description as clinic_name,
        abbreviation as clinic_abbreviation,
        city,
        state,
        zip_code,
        time_zone,
        region_name,
        insurance_billing_provider_rule,
        cast(patient_count as bigint) as patient_count,
        cast(active_patient_count as bigint) as active_patient_count,
        cast(operatory_count as bigint) as operatory_count,
        cast(provider_count as bigint) as provider_count,

        -- flags
        is_hidden,
        is_medical_only
    from clinic_profiles
)

select * from final
