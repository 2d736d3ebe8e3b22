with

provider_blocks as (
    select * from {{ ref('int_provider_availability') }}
),

provider_clinics as (
    select * from {{ ref('int_provider_clinics') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

-- A provider counts as roaming when linked to several clinics in providerclinic.
roaming_providers as (
    select
        provider_id,
        max(case when is_roaming_provider then 1 else 0 end) = 1 as is_roaming_provider
    from provider_clinics
    group by provider_id
),

by_month as (
    select
        provider_id,
        clinic_id,
        cast({{ dbt.date_trunc('month', 'schedule_date') }} as date) as month_start_date,
        count(distinct schedule_date) as scheduled_day_count,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(blocked_minutes) as blocked_minutes,
        sum(available_minutes) as available_minutes,
        sum(booked_minutes) as booked_minutes,
        sum(booked_appointment_count) as booked_appointment_count
    from provider_blocks
    where schedule_date <= {{ as_of_date() }}
    group by provider_id, clinic_id, cast({{ dbt.date_trunc('month', 'schedule_date') }} as date)
),

final as (
    select
        -- grain
        cast(by_month.provider_id as bigint) as provider_id,
        cast(by_month.clinic_id as bigint) as clinic_id,
        cast(by_month.month_start_date as date) as month_start_date,

        -- attributes
        providers.provider_role,
        cast(coalesce(roaming_providers.is_roaming_provider, false) as boolean) as is_roaming_provider,

        -- schedule
        cast(by_month.scheduled_day_count as bigint) as scheduled_day_count,
        cast(by_month.scheduled_minutes as decimal(12, 2)) as scheduled_minutes,
        cast(by_month.blocked_minutes as decimal(12, 2)) as blocked_minutes,
        cast(by_month.available_minutes as decimal(12, 2)) as available_minutes,
        cast(by_month.booked_minutes as decimal(12, 2)) as booked_minutes,
        cast(by_month.booked_appointment_count as bigint) as booked_appointment_count,
        {{ ratio('by_month.booked_minutes', 'by_month.scheduled_minutes') }} as chair_utilisation_rate
    from by_month
    left join providers
        on by_month.provider_id = providers.provider_id
    left join roaming_providers
        on by_month.provider_id = roaming_providers.provider_id
)

select * from final
