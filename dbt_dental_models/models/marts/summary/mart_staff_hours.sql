with

daily_hours as (
    select * from {{ ref('int_staff_daily_hours') }}
),

final as (
    select
        -- grain
        week_start_date,
        clinic_id,

        -- staff
        cast(count(distinct case when clocked_minutes > 0 then employee_id end) as bigint) as employees_clocked,
        -- int_staff_daily_hours has one row per employee, clinic and day
        cast(sum(case when clocked_minutes > 0 then 1 else 0 end) as bigint) as employee_days_worked,

        -- hours
        cast(sum(regular_minutes) / 60 as decimal(12, 2)) as regular_hours,
        cast(sum(overtime_minutes) / 60 as decimal(12, 2)) as overtime_hours,
        cast(sum(adjustment_minutes) / 60 as decimal(12, 2)) as adjustment_hours,
        cast(sum(regular_minutes + overtime_minutes) / 60 as decimal(12, 2)) as worked_hours,
        cast(sum(paid_leave_minutes) / 60 as decimal(12, 2)) as paid_leave_hours,
        cast(sum(regular_minutes + overtime_minutes + paid_leave_minutes) / 60 as decimal(12, 2)) as paid_hours,
        cast(sum(break_minutes) / 60 as decimal(12, 2)) as break_hours,

        -- the staff schedule beside the clock
        cast(sum(case when is_scheduled then 1 else 0 end) as bigint) as employee_days_scheduled,
        cast(sum(scheduled_minutes) / 60 as decimal(12, 2)) as scheduled_hours,
        -- scheduled, and neither on the clock nor on leave that day
        cast(
            sum(
                case
                    when is_scheduled and clock_event_count = 0 and paid_leave_minutes = 0
                        and unpaid_leave_minutes = 0
                        then 1
                    else 0
                end
            ) as bigint
        ) as employee_days_absent
    from daily_hours
    group by week_start_date, clinic_id
)

select * from final
