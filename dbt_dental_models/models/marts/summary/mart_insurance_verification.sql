with

appointment_verifications as (
    select * from {{ ref('int_appointment_verification') }}
),

month_offices as (
    select
        cast({{ dbt.date_trunc('month', 'appointment_date') }} as date) as report_month,
        clinic_id,
        cast(count(*) as bigint) as insured_appointments,
        cast(sum(case when is_verified then 1 else 0 end) as bigint) as verified_appointments,
        cast(sum(case when days_verified_ahead between 1 and 7 then 1 else 0 end) as bigint)
            as verified_within_week_appointments,
        cast(sum(case when days_verified_ahead = 0 then 1 else 0 end) as bigint) as verified_same_day_appointments,
        cast(avg(days_verified_ahead) as decimal(10, 1)) as avg_days_verified_ahead,
        cast(max(days_verified_ahead) as integer) as max_days_verified_ahead
    from appointment_verifications
    group by 1, clinic_id
),

final as (
    select
        -- grain
        report_month,
        clinic_id,

        -- counts
        insured_appointments,
        verified_appointments,
        verified_within_week_appointments,
        verified_same_day_appointments,

        -- days
        avg_days_verified_ahead,
        max_days_verified_ahead,

        -- rates
        {{ ratio('verified_appointments', 'insured_appointments') }} as verification_rate
    from month_offices
)

select * from final
