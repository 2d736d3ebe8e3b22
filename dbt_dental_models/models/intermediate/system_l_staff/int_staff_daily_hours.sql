with

clock_events as (
    select * from {{ ref('stg_opendental__clockevent') }}
),

time_adjustments as (
    select * from {{ ref('stg_opendental__timeadjust') }}
),

schedules as (
    select * from {{ ref('stg_opendental__schedule') }}
),

-- Working stretches (clocked out home or to lunch) with an end: their length, less the paid
-- time a manager or the break allowance took off or added. An open stretch (still on the
-- clock) has no length yet; a break row is time inside a working stretch, paid, counted apart.
clocked as (
    select
        employee_id,
        clinic_id,
        cast(clocked_in_at as date) as work_date,
        sum(
            case
                when clock_status <> 'break' and clocked_out_at is not null
                    then {{ dbt.datediff('clocked_in_at', 'clocked_out_at', 'minute') }}
                else 0
            end
        ) as clocked_minutes,
        sum(
            case
                when clock_status = 'break' and clocked_out_at is not null
                    then {{ dbt.datediff('clocked_in_at', 'clocked_out_at', 'minute') }}
                else 0
            end
        ) as break_minutes,
        sum(adjustment_minutes + adjustment_auto_minutes) as clock_adjustment_minutes,
        -- Overtime on the clock event: the manager's override, else the daily rule's.
        sum(coalesce(overtime_override_minutes, overtime_auto_minutes)) as clock_overtime_minutes,
        count(distinct case when clock_status <> 'break' then clock_event_id end) as clock_event_count
    from clock_events
    where clocked_in_at is not null
        and cast(clocked_in_at as date) <= {{ as_of_date() }}
    group by 1, 2, 3
),

-- The timecard's adjustments: the weekly overtime moves (automatic), manual corrections, and
-- paid leave (unpaid protected leave counts as time off, not pay).
adjusted as (
    select
        employee_id,
        clinic_id,
        cast(timecard_at as date) as work_date,
        sum(case when is_automatic then regular_minutes else 0 end) as overtime_moved_minutes,
        sum(
            case when not is_automatic and pto_type_definition_id is null then regular_minutes else 0 end
        ) as timecard_adjustment_minutes,
        sum(case when pto_type_definition_id is null then overtime_minutes else 0 end) as timecard_overtime_minutes,
        sum(
            case
                when pto_type_definition_id is not null and not is_unpaid_protected_leave then pto_minutes
                else 0
            end
        ) as paid_leave_minutes,
        sum(
            case
                when pto_type_definition_id is not null and is_unpaid_protected_leave then pto_minutes
                else 0
            end
        ) as unpaid_leave_minutes
    from time_adjustments
    where timecard_at is not null
        and cast(timecard_at as date) <= {{ as_of_date() }}
    group by 1, 2, 3
),

-- The staff schedule: employee schedule rows (SchedType 3, Employee) with an employee, their
-- shift lengths added up per day (an employee can have a split shift).
scheduled as (
    select
        employee_id,
        clinic_id,
        schedule_date as work_date,
        sum(stop_time_minutes - start_time_minutes) as scheduled_minutes
    from schedules
    where schedule_type_code = 3
        and employee_id is not null
        and schedule_date is not null
        and schedule_date <= {{ as_of_date() }}
        and stop_time_minutes > start_time_minutes
    group by 1, 2, 3
),

employee_days as (
    select employee_id, clinic_id, work_date from clocked
    union
    select employee_id, clinic_id, work_date from adjusted
    union
    select employee_id, clinic_id, work_date from scheduled
),

final as (
    select
        -- grain
        employee_days.employee_id,
        employee_days.clinic_id,
        employee_days.work_date,
        cast({{ dbt.date_trunc('week', 'employee_days.work_date') }} as date) as week_start_date,
        cast({{ dbt.date_trunc('month', 'employee_days.work_date') }} as date) as month_start_date,

        -- the clock
        cast(coalesce(clocked.clock_event_count, 0) as bigint) as clock_event_count,
        cast(coalesce(clocked.clocked_minutes, 0) as decimal(12, 2)) as clocked_minutes,
        cast(coalesce(clocked.break_minutes, 0) as decimal(12, 2)) as break_minutes,

        -- adjustments: the clock event's and the timecard's manual ones
        cast(
            coalesce(clocked.clock_adjustment_minutes, 0) + coalesce(adjusted.timecard_adjustment_minutes, 0)
            as decimal(12, 2)
        ) as adjustment_minutes,

        -- OpenDental's timecard: regular = clocked + adjustments − the clock's overtime + the
        -- timecard's regular changes (the weekly overtime move takes minutes off regular);
        -- overtime = the clock's + the timecard's.
        cast(
            coalesce(clocked.clocked_minutes, 0)
            + coalesce(clocked.clock_adjustment_minutes, 0)
            - coalesce(clocked.clock_overtime_minutes, 0)
            + coalesce(adjusted.timecard_adjustment_minutes, 0)
            + coalesce(adjusted.overtime_moved_minutes, 0)
            as decimal(12, 2)
        ) as regular_minutes,
        cast(
            coalesce(clocked.clock_overtime_minutes, 0) + coalesce(adjusted.timecard_overtime_minutes, 0)
            as decimal(12, 2)
        ) as overtime_minutes,
        cast(coalesce(adjusted.paid_leave_minutes, 0) as decimal(12, 2)) as paid_leave_minutes,
        cast(coalesce(adjusted.unpaid_leave_minutes, 0) as decimal(12, 2)) as unpaid_leave_minutes,

        -- the schedule
        cast(coalesce(scheduled.scheduled_minutes, 0) as decimal(12, 2)) as scheduled_minutes,
        scheduled.work_date is not null as is_scheduled
    from employee_days
    left join clocked
        on employee_days.employee_id = clocked.employee_id
        and coalesce(employee_days.clinic_id, -1) = coalesce(clocked.clinic_id, -1)
        and employee_days.work_date = clocked.work_date
    left join adjusted
        on employee_days.employee_id = adjusted.employee_id
        and coalesce(employee_days.clinic_id, -1) = coalesce(adjusted.clinic_id, -1)
        and employee_days.work_date = adjusted.work_date
    left join scheduled
        on employee_days.employee_id = scheduled.employee_id
        and coalesce(employee_days.clinic_id, -1) = coalesce(scheduled.clinic_id, -1)
        and employee_days.work_date = scheduled.work_date
)

select * from final
