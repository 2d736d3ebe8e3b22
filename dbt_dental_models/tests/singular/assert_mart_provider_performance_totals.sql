{#- mart_provider_performance's money, added up over providers, equals mart_production_summary's
    for every month: no provider-month lost, none counted twice. Its appointments and chair time
    equal mart_appointment_summary's days up to the as-of date, provider by provider and month by
    month. One row per disagreement. -#}

with

provider_performance as (
    select * from {{ ref('mart_provider_performance') }}
),

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

appointment_summary as (
    select * from {{ ref('mart_appointment_summary') }}
),

performance_monthly as (
    select
        month_start_date,
        sum(production_amount) as production_amount,
        sum(adjustment_amount) as adjustment_amount,
        sum(write_off_amount) as write_off_amount,
        sum(net_production_amount) as net_production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(collections_amount) as collections_amount
    from provider_performance
    group by month_start_date
),

summary_monthly as (
    select
        month_start_date,
        sum(production_amount) as production_amount,
        sum(adjustment_amount) as adjustment_amount,
        sum(write_off_amount) as write_off_amount,
        sum(net_production_amount) as net_production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(collections_amount) as collections_amount
    from production_summary
    group by month_start_date
),

-- A month with no money at all can be in provider performance (schedule or appointments only):
-- it then counts as zeros against the summary's missing month.
compared as (
    select
        coalesce(performance_monthly.month_start_date, summary_monthly.month_start_date) as month_start_date,
        performance_monthly.production_amount as performance_production_amount,
        summary_monthly.production_amount as summary_production_amount,
        performance_monthly.adjustment_amount as performance_adjustment_amount,
        summary_monthly.adjustment_amount as summary_adjustment_amount,
        performance_monthly.write_off_amount as performance_write_off_amount,
        summary_monthly.write_off_amount as summary_write_off_amount,
        performance_monthly.net_production_amount as performance_net_production_amount,
        summary_monthly.net_production_amount as summary_net_production_amount,
        performance_monthly.patient_income_amount as performance_patient_income_amount,
        summary_monthly.patient_income_amount as summary_patient_income_amount,
        performance_monthly.insurance_income_amount as performance_insurance_income_amount,
        summary_monthly.insurance_income_amount as summary_insurance_income_amount,
        performance_monthly.collections_amount as performance_collections_amount,
        summary_monthly.collections_amount as summary_collections_amount
    from performance_monthly
    full outer join summary_monthly
        on performance_monthly.month_start_date = summary_monthly.month_start_date
),

-- The schedule side: counts and minutes per provider and month, from both marts.
performance_schedule as (
    select
        provider_id,
        month_start_date,
        sum(appointments_scheduled_count) as appointments_scheduled,
        sum(appointments_completed_count) as appointments_completed,
        sum(appointments_broken_count) as appointments_broken,
        sum(appointments_no_show_count) as appointments_no_show,
        sum(appointments_cancelled_count) as appointments_cancelled,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(booked_minutes) as booked_minutes
    from provider_performance
    where provider_id is not null
    group by provider_id, month_start_date
),

appointment_schedule as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'calendar_date') }} as date) as month_start_date,
        sum(appointments_scheduled) as appointments_scheduled,
        sum(appointments_completed) as appointments_completed,
        sum(appointments_broken) as appointments_broken,
        sum(appointments_no_show) as appointments_no_show,
        sum(appointments_cancelled) as appointments_cancelled,
        sum(scheduled_minutes) as scheduled_minutes,
        sum(booked_minutes) as booked_minutes
    from appointment_summary
    where not is_future
    group by provider_id, cast({{ dbt.date_trunc('month', 'calendar_date') }} as date)
),

schedule_compared as (
    select
        coalesce(performance_schedule.provider_id, appointment_schedule.provider_id) as provider_id,
        coalesce(performance_schedule.month_start_date, appointment_schedule.month_start_date) as month_start_date
    from performance_schedule
    full outer join appointment_schedule
        on performance_schedule.provider_id = appointment_schedule.provider_id
        and performance_schedule.month_start_date = appointment_schedule.month_start_date
    where coalesce(performance_schedule.appointments_scheduled, 0) <> coalesce(appointment_schedule.appointments_scheduled, 0)
        or coalesce(performance_schedule.appointments_completed, 0) <> coalesce(appointment_schedule.appointments_completed, 0)
        or coalesce(performance_schedule.appointments_broken, 0) <> coalesce(appointment_schedule.appointments_broken, 0)
        or coalesce(performance_schedule.appointments_no_show, 0) <> coalesce(appointment_schedule.appointments_no_show, 0)
        or coalesce(performance_schedule.appointments_cancelled, 0) <> coalesce(appointment_schedule.appointments_cancelled, 0)
        or coalesce(performance_schedule.scheduled_minutes, 0) <> coalesce(appointment_schedule.scheduled_minutes, 0)
        or coalesce(performance_schedule.booked_minutes, 0) <> coalesce(appointment_schedule.booked_minutes, 0)
),

money_disagreements as (
    select
        'money' as measure_group,
        cast(null as {{ dbt.type_bigint() }}) as provider_id,
        month_start_date
    from compared
    where coalesce(performance_production_amount, 0) <> coalesce(summary_production_amount, 0)
        or coalesce(performance_adjustment_amount, 0) <> coalesce(summary_adjustment_amount, 0)
        or coalesce(performance_write_off_amount, 0) <> coalesce(summary_write_off_amount, 0)
        or coalesce(performance_net_production_amount, 0) <> coalesce(summary_net_production_amount, 0)
        or coalesce(performance_patient_income_amount, 0) <> coalesce(summary_patient_income_amount, 0)
        or coalesce(performance_insurance_income_amount, 0) <> coalesce(summary_insurance_income_amount, 0)
        or coalesce(performance_collections_amount, 0) <> coalesce(summary_collections_amount, 0)
),

schedule_disagreements as (
    select
        'schedule' as measure_group,
        provider_id,
        month_start_date
    from schedule_compared
),

final as (
    select * from money_disagreements
    union all
    select * from schedule_disagreements
)

select * from final
