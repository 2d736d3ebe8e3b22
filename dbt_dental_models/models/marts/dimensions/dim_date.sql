{#- The spine counts days as hundreds + units, so PostgreSQL joins only the hundreds it needs
    (dbt.generate_series is a cross join of powers of two there). It holds up to 400 x 100 days
    (about 109 years); the singular test assert_dim_date_spine_is_complete fails if history needs more. -#}
{%- set spine_hundreds = 400 -%}
{%- set day_names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] -%}
{%- set month_names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'] -%}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

payment_splits as (
    select * from {{ ref('int_payment_split') }}
),

claim_payments as (
    select * from {{ ref('int_claim_payments') }}
),

adjustments as (
    select * from {{ ref('int_adjustments') }}
),

communications as (
    select * from {{ ref('int_patient_communications_base') }}
),

recalls as (
    select * from {{ ref('int_recall_management') }}
),

-- The earliest and latest day the facts can carry, one aggregate per source.
procedure_bounds as (
    select min(procedure_date) as first_procedure_date
    from completed_procedures
),

appointment_bounds as (
    select
        min(appointment_date) as first_appointment_date,
        max(appointment_date) as last_appointment_date
    from appointments
),

payment_bounds as (
    select min(payment_date) as first_payment_date
    from payment_splits
),

insurance_check_bounds as (
    select min(check_date) as first_insurance_check_date
    from claim_payments
),

adjustment_bounds as (
    select min(adjustment_date) as first_adjustment_date
    from adjustments
),

communication_bounds as (
    select min(communication_date) as first_communication_date
    from communications
),

recall_bounds as (
    select max(due_date) as last_recall_due_date
    from recalls
),

-- History starts on the first day of the month `history_months` months before the as-of month
-- (where the month-end A/R snapshots and monthly marts start), or on the earliest procedure,
-- appointment, payment, insurance check, adjustment or communication if one is older. It ends
-- on the last day the future holds: the last appointment booked or the last recall due date, or
-- the as-of date if both are earlier.
spine_bounds as (
    select
        least(
            cast(
                {{ dbt.dateadd('month', -1 * var('history_months'), dbt.date_trunc('month', as_of_date())) }}
                as date
            ),
            first_procedure_date,
            first_appointment_date,
            first_payment_date,
            first_insurance_check_date,
            first_adjustment_date,
            first_communication_date
        ) as start_date,
        greatest(
            {{ as_of_date() }},
            coalesce(last_appointment_date, {{ as_of_date() }}),
            coalesce(last_recall_due_date, {{ as_of_date() }})
        ) as end_date
    from procedure_bounds
    cross join appointment_bounds
    cross join payment_bounds
    cross join insurance_check_bounds
    cross join adjustment_bounds
    cross join communication_bounds
    cross join recall_bounds
),

spine_length as (
    select
        start_date,
        {{ dbt.datediff('start_date', 'end_date', 'day') }} as last_day_offset
    from spine_bounds
),

hundreds as (
    {{ dbt.generate_series(spine_hundreds) }}
),

units as (
    {{ dbt.generate_series(100) }}
),

-- Day offsets 0 .. last_day_offset from the start date.
day_offsets as (
    select
        spine_length.start_date,
        spine_length.last_day_offset,
        cast((hundreds.generated_number - 1) * 100 + (units.generated_number - 1) as integer) as day_offset
    from spine_length
    inner join hundreds
        on (hundreds.generated_number - 1) * 100 <= spine_length.last_day_offset
    cross join units
),

days as (
    select start_date + day_offset as date_day
    from day_offsets
    where day_offset <= last_day_offset
),

-- ISO day of week: 1 Monday ... 7 Sunday, the same on every engine.
day_parts as (
    select
        date_day,
        cast(extract(isodow from date_day) as integer) as day_of_week_number,
        cast(extract(day from date_day) as integer) as day_of_month,
        cast(extract(month from date_day) as integer) as month_number,
        cast(extract(quarter from date_day) as integer) as quarter_number,
        cast(extract(year from date_day) as integer) as year_number
    from days
),

final as (
    select
        -- dates
        date_day,
        date_day - (day_of_week_number - 1) as week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        cast({{ dbt.date_trunc('quarter', 'date_day') }} as date) as quarter_start_date,

        -- attributes
        day_of_week_number,
        case day_of_week_number
            {%- for name in day_names %}
            when {{ loop.index }} then '{{ name }}'
            {%- endfor %}
        end as day_of_week_name,
        day_of_month,
        month_number,
        case month_number
            {%- for name in month_names %}
            when {{ loop.index }} then '{{ name }}'
            {%- endfor %}
        end as month_name,
        quarter_number,
        year_number,
        cast({{ dbt.datediff(as_of_date(), 'date_day', 'day') }} as integer) as days_from_as_of,

        -- flags
        (day_of_week_number in (6, 7)) as is_weekend,
        (day_of_week_number in ({{ var('business_days_of_week') | join(', ') }})) as is_business_day,
        (cast(extract(day from date_day + 1) as integer) = 1) as is_month_end,
        (date_day <= {{ as_of_date() }}) as is_past
    from day_parts
)

select * from final
