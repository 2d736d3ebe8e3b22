with

recalls as (
    select * from {{ ref('int_recall_management') }}
),

patient_visits as (
    select * from {{ ref('int_patient_visits') }}
),

appointments as (
    select * from {{ ref('int_appointment_details') }}
),

-- int_recall_management keeps one row per recall with its current due date only, so the history
-- of due dates is rebuilt here: each hygiene visit sets the next due date, as completing a recall
-- procedure moves DateDue in OpenDental. Disabled recalls are left out, as OpenDental leaves them
-- off the recall list.
active_recalls as (
    select
        recall_id,
        patient_id,
        recall_type_id,
        recall_type_name,
        interval_months,
        interval_days
    from recalls
    where not is_disabled
),

-- A hygiene visit (int_patient_visits): a day with a completed prophylaxis, scaling and root
-- planing or periodontal maintenance (var('hygiene_visit_procedure_codes')).
hygiene_visits as (
    select
        patient_id,
        visit_date
    from patient_visits
    where is_hygiene_visit
      and visit_date <= {{ as_of_date() }}
),

visit_sequence as (
    select
        patient_id,
        visit_date,
        lead(visit_date) over (partition by patient_id order by visit_date) as next_visit_date
    from hygiene_visits
),

due_dates as (
    select
        active_recalls.recall_id,
        active_recalls.patient_id,
        active_recalls.recall_type_id,
        active_recalls.recall_type_name,
        visit_sequence.visit_date as previous_visit_date,
        visit_sequence.next_visit_date,
        cast(
            {{ dbt.dateadd('day', 'active_recalls.interval_days',
                dbt.dateadd('month', 'active_recalls.interval_months', 'visit_sequence.visit_date')) }}
            as date
        ) as due_date
    from active_recalls
    inner join visit_sequence
        on active_recalls.patient_id = visit_sequence.patient_id
),

-- On time means by the end of the due month plus var('recall_overdue_grace_days').
due_months as (
    select
        due_dates.*,
        cast({{ dbt.date_trunc('month', 'due_date') }} as date) as due_month,
        cast(
            {{ dbt.dateadd('day', var('recall_overdue_grace_days'), dbt.last_day('due_date', 'month')) }}
            as date
        ) as on_time_deadline
    from due_dates
),

-- A due date counts in its month when it was still standing when the month began: a hygiene
-- visit before the due month replaced it with a later one (an early visit, a scaling follow-up),
-- and the recall was never due that month. Months after the as-of month are not reported.
counted_due_dates as (
    select *
    from due_months
    where (next_visit_date is null or next_visit_date >= due_month)
      and due_month <= cast({{ dbt.date_trunc('month', as_of_date()) }} as date)
),

-- Booked by the deadline: the patient had a hygiene appointment (IsHygiene; scheduled, complete
-- or broken, whenever it was entered) for a day after the previous visit and no later than the
-- on-time deadline. Not hygiene reappointment (mart_hygiene_visit), which asks whether the
-- patient left the previous visit with it booked.
booked_due_dates as (
    select distinct
        counted_due_dates.recall_id,
        counted_due_dates.previous_visit_date
    from counted_due_dates
    inner join appointments
        on counted_due_dates.patient_id = appointments.patient_id
        and appointments.appointment_date > counted_due_dates.previous_visit_date
        and appointments.appointment_date <= counted_due_dates.on_time_deadline
    where appointments.appointment_status in ('scheduled', 'complete', 'broken')
      and appointments.is_hygiene
),

classified_due_dates as (
    select
        counted_due_dates.due_month,
        counted_due_dates.recall_type_id,
        counted_due_dates.recall_type_name,
        booked_due_dates.recall_id is not null as is_booked_by_deadline,
        case
            when counted_due_dates.next_visit_date <= counted_due_dates.on_time_deadline then 'on_time'
            when counted_due_dates.next_visit_date is not null then 'late'
            when counted_due_dates.on_time_deadline < {{ as_of_date() }} then 'overdue'
            else 'pending'
        end as recall_outcome
    from counted_due_dates
    left join booked_due_dates
        on counted_due_dates.recall_id = booked_due_dates.recall_id
        and counted_due_dates.previous_visit_date = booked_due_dates.previous_visit_date
),

monthly as (
    select
        due_month,
        recall_type_id,
        recall_type_name,
        cast(count(*) as bigint) as recalls_due,
        cast(sum(case when is_booked_by_deadline then 1 else 0 end) as bigint) as recalls_booked_by_deadline,
        cast(sum(case when recall_outcome = 'on_time' then 1 else 0 end) as bigint)
            as recalls_completed_on_time,
        cast(sum(case when recall_outcome = 'late' then 1 else 0 end) as bigint) as recalls_completed_late,
        cast(sum(case when recall_outcome = 'overdue' then 1 else 0 end) as bigint) as recalls_overdue,
        cast(sum(case when recall_outcome = 'pending' then 1 else 0 end) as bigint) as recalls_pending
    from classified_due_dates
    group by due_month, recall_type_id, recall_type_name
),

windowed as (
    select
        monthly.*,
        cast(
            {{ dbt.dateadd('day', var('recall_overdue_grace_days'), dbt.last_day('due_month', 'month')) }}
            as date
        ) < {{ as_of_date() }} as is_window_complete
    from monthly
),

final as (
    select
        -- grain
        due_month,
        recall_type_id,

        -- attributes
        recall_type_name,
        is_window_complete,

        -- measures
        recalls_due,
        recalls_booked_by_deadline,
        recalls_completed_on_time,
        recalls_completed_late,
        recalls_overdue,
        recalls_pending,
        -- Rates of a month whose window is still open would be figures so far: null until it closes.
        case when is_window_complete then {{ ratio('recalls_completed_on_time', 'recalls_due') }} end
            as on_time_rate,
        case when is_window_complete then {{ ratio('recalls_overdue', 'recalls_due') }} end
            as overdue_rate
    from windowed
)

select * from final
