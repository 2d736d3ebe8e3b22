with

daily_hours as (
    select * from {{ ref('int_staff_daily_hours') }}
),

production as (
    select * from {{ ref('mart_production_summary') }}
),

staff_months as (
    select
        month_start_date,
        clinic_id,
        count(distinct case when clocked_minutes > 0 then employee_id end) as employees_clocked,
        sum(regular_minutes + overtime_minutes) / 60 as worked_hours
    from daily_hours
    group by month_start_date, clinic_id
),

production_months as (
    select
        month_start_date,
        clinic_id,
        sum(production_amount) as production_amount,
        sum(net_production_amount) as net_production_amount
    from production
    group by month_start_date, clinic_id
),

-- Months in which the clinic's staff worked: a month of production without staff hours (before
-- the time clock was used) has nothing to divide by.
final as (
    select
        -- grain
        staff_months.month_start_date,
        staff_months.clinic_id,

        -- staff
        cast(staff_months.employees_clocked as bigint) as employees_clocked,
        cast(staff_months.worked_hours as decimal(12, 2)) as worked_hours,

        -- production (mart_production_summary, by the procedure's clinic)
        cast(coalesce(production_months.production_amount, 0) as decimal(15, 2)) as production_amount,
        cast(coalesce(production_months.net_production_amount, 0) as decimal(15, 2)) as net_production_amount,

        -- the KPI at this grain; over other periods divide the summed amounts by summed hours
        {{ ratio('coalesce(production_months.production_amount, 0)', 'staff_months.worked_hours') }}
            as production_per_staff_hour,
        {{ ratio('coalesce(production_months.net_production_amount, 0)', 'staff_months.worked_hours') }}
            as net_production_per_staff_hour
    from staff_months
    left join production_months
        on staff_months.month_start_date = production_months.month_start_date
        and coalesce(staff_months.clinic_id, -1) = coalesce(production_months.clinic_id, -1)
)

select * from final
