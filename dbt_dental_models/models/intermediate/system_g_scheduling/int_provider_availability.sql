with schedule_blocks as (
    select * from {{ ref('stg_opendental__schedule') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

appointment_details as (
    select * from {{ ref('int_appointment_details') }}
),

provider_blocks as (
    select
        schedule_id,
        provider_id,
        clinic_id,
        schedule_date,
        start_time_minutes,
        stop_time_minutes
    from schedule_blocks
    where schedule_type_code = 1
      and provider_id is not null
),

-- Blockouts (SchedType 2) reserve chair time in a clinic (lunch, emergencies); one with a
-- provider reserves that provider's time only.
blockouts as (
    select
        schedule_blocks.schedule_id as blockout_schedule_id,
        schedule_blocks.provider_id,
        schedule_blocks.clinic_id,
        schedule_blocks.schedule_date,
        schedule_blocks.start_time_minutes,
        schedule_blocks.stop_time_minutes,
        coalesce(definitions.item_name, 'blockout') as blockout_type_name
    from schedule_blocks
    left join definitions
        on schedule_blocks.blockout_type_definition_id = definitions.definition_id
    where schedule_blocks.schedule_type_code = 2
),

block_blockout_overlaps as (
    select
        provider_blocks.schedule_id,
        blockouts.blockout_type_name,
        case
            when blockouts.stop_time_minutes < provider_blocks.stop_time_minutes
                then blockouts.stop_time_minutes
            else provider_blocks.stop_time_minutes
        end
        - case
            when blockouts.start_time_minutes > provider_blocks.start_time_minutes
                then blockouts.start_time_minutes
            else provider_blocks.start_time_minutes
        end as overlap_minutes
    from provider_blocks
    inner join blockouts
        on provider_blocks.schedule_date = blockouts.schedule_date
        and coalesce(provider_blocks.clinic_id, 0) = coalesce(blockouts.clinic_id, 0)
        and (blockouts.provider_id is null or blockouts.provider_id = provider_blocks.provider_id)
        and blockouts.start_time_minutes < provider_blocks.stop_time_minutes
        and blockouts.stop_time_minutes > provider_blocks.start_time_minutes
),

blocked_time_types as (
    select
        schedule_id,
        blockout_type_name,
        sum(overlap_minutes) as overlap_minutes
    from block_blockout_overlaps
    group by schedule_id, blockout_type_name
),

blocked_time as (
    select
        schedule_id,
        sum(overlap_minutes) as blocked_minutes,
        {{ dbt.listagg('blockout_type_name', "', '", 'order by blockout_type_name') }} as blocked_time_types
    from blocked_time_types
    group by schedule_id
),

-- Booked chair time inside the block: the part of each scheduled or complete appointment of the
-- provider whose time it takes that falls between the block's start and stop.
booked_appointments as (
    select
        schedule_provider_id,
        appointment_date,
        start_time_minutes,
        start_time_minutes + appointment_length_minutes as stop_time_minutes
    from appointment_details
    where is_booked
),

booked_time as (
    select
        provider_blocks.schedule_id,
        count(*) as booked_appointment_count,
        sum(
            case
                when booked_appointments.stop_time_minutes < provider_blocks.stop_time_minutes
                    then booked_appointments.stop_time_minutes
                else provider_blocks.stop_time_minutes
            end
            - case
                when booked_appointments.start_time_minutes > provider_blocks.start_time_minutes
                    then booked_appointments.start_time_minutes
                else provider_blocks.start_time_minutes
            end
        ) as booked_minutes
    from provider_blocks
    inner join booked_appointments
        on provider_blocks.provider_id = booked_appointments.schedule_provider_id
        and provider_blocks.schedule_date = booked_appointments.appointment_date
        and booked_appointments.start_time_minutes < provider_blocks.stop_time_minutes
        and booked_appointments.stop_time_minutes > provider_blocks.start_time_minutes
    group by provider_blocks.schedule_id
),

final as (
    select
        provider_blocks.schedule_id,
        provider_blocks.provider_id,
        provider_blocks.clinic_id,
        provider_blocks.schedule_date,
        provider_blocks.start_time_minutes,
        provider_blocks.stop_time_minutes,
        cast(provider_blocks.stop_time_minutes - provider_blocks.start_time_minutes as decimal(12, 2))
            as scheduled_minutes,
        cast(coalesce(blocked_time.blocked_minutes, 0) as decimal(12, 2)) as blocked_minutes,
        blocked_time.blocked_time_types,
        cast(
            provider_blocks.stop_time_minutes - provider_blocks.start_time_minutes
            - coalesce(blocked_time.blocked_minutes, 0)
            as decimal(12, 2)
        ) as available_minutes,
        coalesce(booked_time.booked_appointment_count, 0) as booked_appointment_count,
        cast(coalesce(booked_time.booked_minutes, 0) as decimal(12, 2)) as booked_minutes,
        cast(
            provider_blocks.stop_time_minutes - provider_blocks.start_time_minutes
            - coalesce(blocked_time.blocked_minutes, 0)
            - coalesce(booked_time.booked_minutes, 0)
            as decimal(12, 2)
        ) as open_minutes
    from provider_blocks
    left join blocked_time
        on provider_blocks.schedule_id = blocked_time.schedule_id
    left join booked_time
        on provider_blocks.schedule_id = booked_time.schedule_id
)

select * from final
