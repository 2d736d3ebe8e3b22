with recalls as (
    select * from {{ ref('stg_opendental__recall') }}
),

recall_types as (
    select * from {{ ref('stg_opendental__recalltype') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

-- The patient's next visit on the schedule (AptStatus 1) on or after the as-of date.
next_appointments as (
    select
        patient_id,
        min(cast(appointment_at as date)) as next_appointment_date
    from appointments
    where appointment_status_code = 1
      and cast(appointment_at as date) >= {{ as_of_date() }}
    group by patient_id
),

-- The last completed hygiene procedure (a code flagged IsHygiene) up to the as-of date.
last_hygiene_visits as (
    select
        procedures.patient_id,
        max(procedures.procedure_date) as last_hygiene_visit_date
    from procedures
    inner join procedure_codes
        on procedures.procedure_code_id = procedure_codes.procedure_code_id
    where procedures.procedure_status_code = 2
      and procedure_codes.is_hygiene
      and procedures.procedure_date <= {{ as_of_date() }}
    group by procedures.patient_id
),

-- The interval between recalls: the recall's own, else its type's default, else
-- var('recall_default_interval_months') when neither sets one.
intervals as (
    select
        recalls.*,
        recall_types.recall_type_name,
        recall_types.default_interval_years,
        recall_types.default_interval_months,
        recall_types.default_interval_weeks,
        recall_types.default_interval_days,
        case
            when recalls.recall_interval_years + recalls.recall_interval_months
                + recalls.recall_interval_weeks + recalls.recall_interval_days > 0
                then 'recall'
            when recall_types.default_interval_years + recall_types.default_interval_months
                + recall_types.default_interval_weeks + recall_types.default_interval_days > 0
                then 'recall_type'
            else 'default'
        end as interval_source
    from recalls
    left join recall_types
        on recalls.recall_type_id = recall_types.recall_type_id
),

effective_intervals as (
    select
        intervals.*,
        case interval_source
            when 'recall' then recall_interval_years * 12 + recall_interval_months
            when 'recall_type' then default_interval_years * 12 + default_interval_months
            else {{ var('recall_default_interval_months') }}
        end as interval_months,
        case interval_source
            when 'recall' then recall_interval_weeks * 7 + recall_interval_days
            when 'recall_type' then default_interval_weeks * 7 + default_interval_days
            else 0
        end as interval_days
    from intervals
),

-- The due date the recall lists use (DateDue); when OpenDental left it empty on an active recall
-- with a previous date, the date OpenDental computes: previous date + interval.
due_dates as (
    select
        effective_intervals.*,
        (
            effective_intervals.is_disabled
            or coalesce(effective_intervals.disabled_until_date > {{ as_of_date() }}, false)
        ) as is_disabled_as_of,
        case
            when effective_intervals.due_date is not null then effective_intervals.due_date
            when not effective_intervals.is_disabled and effective_intervals.previous_date is not null
                then cast(
                    {{ dbt.dateadd('day', 'effective_intervals.interval_days',
                        dbt.dateadd('month', 'effective_intervals.interval_months', 'effective_intervals.previous_date')) }}
                    as date
                )
        end as effective_due_date,
        effective_intervals.due_date is null
            and not effective_intervals.is_disabled
            and effective_intervals.previous_date is not null as is_due_date_computed
    from effective_intervals
),

flags as (
    select
        due_dates.*,
        next_appointments.next_appointment_date,
        last_hygiene_visits.last_hygiene_visit_date,
        recall_statuses.item_name as recall_contact_status,
        (
            coalesce(due_dates.scheduled_date >= {{ as_of_date() }}, false)
            or next_appointments.next_appointment_date is not null
        ) as is_scheduled,
        (
            not due_dates.is_disabled_as_of
            and coalesce(due_dates.effective_due_date <= {{ as_of_date() }}, false)
        ) as is_due,
        (
            not due_dates.is_disabled_as_of
            and coalesce(
                {{ dbt.dateadd('day', var('recall_overdue_grace_days'), 'due_dates.effective_due_date') }}
                < {{ as_of_date() }},
                false
            )
        ) as is_past_grace
    from due_dates
    left join next_appointments
        on due_dates.patient_id = next_appointments.patient_id
    left join last_hygiene_visits
        on due_dates.patient_id = last_hygiene_visits.patient_id
    left join definitions as recall_statuses
        on due_dates.recall_status_definition_id = recall_statuses.definition_id
),

final as (
    select
        -- ids
        recall_id,
        patient_id,
        recall_type_id,
        recall_type_name,
        recall_status_definition_id,
        recall_contact_status,

        -- interval
        interval_source,
        interval_months,
        interval_days,

        -- dates
        previous_date,
        effective_due_date as due_date,
        is_due_date_computed,
        scheduled_date,
        next_appointment_date,
        last_hygiene_visit_date,

        -- flags
        is_disabled_as_of as is_disabled,
        is_scheduled,
        is_due,
        is_past_grace and not is_scheduled as is_overdue,
        case
            when is_past_grace and not is_scheduled
                then {{ dbt.datediff('effective_due_date', as_of_date(), 'day') }}
            else 0
        end as days_overdue,
        case
            when is_disabled_as_of then 'disabled'
            when effective_due_date is null then 'no_due_date'
            when is_scheduled then 'scheduled'
            when is_past_grace then 'overdue'
            when is_due then 'due'
            else 'not_due'
        end as recall_status
    from flags
)

select * from final
