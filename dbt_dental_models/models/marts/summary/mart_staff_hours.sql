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
        cast(sum(break_minutes) / 60 as decimal(12, 2)) as break_hours
    from daily_hours
    group by week_start_date, clinic_id
)

select * from final
