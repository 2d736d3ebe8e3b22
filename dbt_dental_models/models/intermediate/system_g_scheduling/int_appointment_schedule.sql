with schedule_blocks as (
    select * from {{ ref('stg_opendental__schedule') }}
),

-- Provider working hours (SchedType 1), per provider, day and clinic; blockouts, employee hours
-- and practice notes are not provider time.
provider_days as (
    select
        provider_id,
        schedule_date,
        clinic_id,
        count(*) as schedule_block_count,
        min(start_time_minutes) as first_start_time_minutes,
        max(stop_time_minutes) as last_stop_time_minutes,
        sum(stop_time_minutes - start_time_minutes) as scheduled_minutes
    from schedule_blocks
    where schedule_type_code = 1
      and provider_id is not null
      and schedule_date is not null
    group by provider_id, schedule_date, clinic_id
),

final as (
    select
        provider_id,
        schedule_date,
        clinic_id,
        schedule_block_count,
        cast(first_start_time_minutes as decimal(12, 2)) as first_start_time_minutes,
        cast(last_stop_time_minutes as decimal(12, 2)) as last_stop_time_minutes,
        cast(scheduled_minutes as decimal(12, 2)) as scheduled_minutes
    from provider_days
)

select * from final
