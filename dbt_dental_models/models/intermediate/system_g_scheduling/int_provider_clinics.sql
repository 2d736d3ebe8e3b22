with

provider_clinics as (
    select * from {{ ref('stg_opendental__providerclinic') }}
),

provider_schedule_days as (
    select * from {{ ref('int_appointment_schedule') }}
),

-- The days each provider was scheduled in each clinic, up to the as-of date.
scheduled_days as (
    select
        provider_id,
        clinic_id,
        count(*) as scheduled_day_count,
        min(schedule_date) as first_scheduled_date,
        max(schedule_date) as last_scheduled_date
    from provider_schedule_days
    where schedule_date <= {{ as_of_date() }}
    group by provider_id, clinic_id
),

clinics_per_provider as (
    select
        provider_id,
        count(distinct clinic_id) as clinic_count
    from provider_clinics
    group by provider_id
),

final as (
    select
        -- grain
        provider_clinics.provider_clinic_id,

        -- ids
        provider_clinics.provider_id,
        provider_clinics.clinic_id,

        -- licence
        provider_clinics.state_license_number,
        provider_clinics.state_where_licensed,

        -- schedule
        cast(coalesce(scheduled_days.scheduled_day_count, 0) as bigint) as scheduled_day_count,
        scheduled_days.first_scheduled_date,
        scheduled_days.last_scheduled_date,
        cast(clinics_per_provider.clinic_count as bigint) as provider_clinic_count,

        -- flags
        clinics_per_provider.clinic_count > 1 as is_roaming_provider
    from provider_clinics
    inner join clinics_per_provider
        on provider_clinics.provider_id = clinics_per_provider.provider_id
    left join scheduled_days
        on provider_clinics.provider_id = scheduled_days.provider_id
        and provider_clinics.clinic_id = scheduled_days.clinic_id
)

select * from final
