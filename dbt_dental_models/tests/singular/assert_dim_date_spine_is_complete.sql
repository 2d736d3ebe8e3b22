{#- dim_date has no gap, ends on the last appointment or recall due date (or the as-of date if
    later) and
    starts no later than the history start or any fact date it must hold. Returns one row
    naming each broken condition. -#}
with

dates as (
    select * from {{ ref('dim_date') }}
),

spine as (
    select
        min(date_day) as first_day,
        max(date_day) as last_day,
        count(*) as day_count
    from dates
),

expected as (
    select
        cast(
            {{ dbt.dateadd('month', -1 * var('history_months'), dbt.date_trunc('month', as_of_date())) }}
            as date
        ) as history_start_date,
        (select min(procedure_date) from {{ ref('int_procedure_complete') }}) as first_procedure_date,
        (select min(appointment_date) from {{ ref('int_appointment_details') }}) as first_appointment_date,
        (select min(payment_date) from {{ ref('int_payment_split') }}) as first_payment_date,
        (select min(check_date) from {{ ref('int_claim_payments') }}) as first_insurance_check_date,
        (select min(adjustment_date) from {{ ref('int_adjustments') }}) as first_adjustment_date,
        (select min(communication_date) from {{ ref('int_patient_communications_base') }}) as first_communication_date,
        greatest(
            {{ as_of_date() }},
            coalesce((select max(appointment_date) from {{ ref('int_appointment_details') }}), {{ as_of_date() }}),
            coalesce((select max(due_date) from {{ ref('int_recall_management') }}), {{ as_of_date() }})
        ) as end_date
),

failures as (
    select 'gap in the spine' as failure
    from spine
    where day_count <> {{ dbt.datediff('first_day', 'last_day', 'day') }} + 1
    union all
    select 'spine does not end on the last appointment, recall due or as-of date'
    from spine
    cross join expected
    where spine.last_day <> expected.end_date
    union all
    select 'spine starts after a date it must hold'
    from spine
    cross join expected
    where spine.first_day > expected.history_start_date
        or spine.first_day > expected.first_procedure_date
        or spine.first_day > expected.first_appointment_date
        or spine.first_day > expected.first_payment_date
        or spine.first_day > expected.first_insurance_check_date
        or spine.first_day > expected.first_adjustment_date
        or spine.first_day > expected.first_communication_date
)

select * from failures
