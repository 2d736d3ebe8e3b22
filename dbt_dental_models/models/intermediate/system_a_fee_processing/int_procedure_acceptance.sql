with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

treatment_plan_lines as (
    select * from {{ ref('stg_opendental__proctp') }}
),

appointments as (
    select * from {{ ref('stg_opendental__appointment') }}
),

-- The first saved plan each procedure was presented on (OpenDental writes proctp lines when a
-- plan is saved; ProcNumOrig points back at the procedure).
first_plan_lines as (
    select
        procedure_id,
        treatment_plan_id,
        treatment_planned_date
    from (
        select
            procedure_id,
            treatment_plan_id,
            treatment_planned_date,
            row_number() over (
                partition by procedure_id
                order by treatment_planned_date, treatment_plan_id, treatment_plan_procedure_id
            ) as line_sequence
        from treatment_plan_lines
        where procedure_id is not null
    ) as numbered_lines
    where line_sequence = 1
),

-- A procedure was treatment-planned when it is still planned (ProcStatus 1 TP, 8 TPi), sits on a
-- saved plan, or was planned on an earlier day than it was done (DateTP < ProcDate; work
-- charted as done on the day gets DateTP = ProcDate and was never planned).
planned_procedures as (
    select
        procedures.*,
        first_plan_lines.treatment_plan_id,
        first_plan_lines.treatment_plan_id is not null as is_on_saved_plan,
        appointments.appointment_status_code
    from procedures
    left join first_plan_lines
        on procedures.procedure_id = first_plan_lines.procedure_id
    left join appointments
        on procedures.appointment_id = appointments.appointment_id
    where procedures.procedure_status_code in (1, 8)
        or first_plan_lines.procedure_id is not null
        or procedures.treatment_planned_date < procedures.procedure_date
),

classified as (
    select
        *,
        case
            when procedure_status_code = 2 then 'accepted'
            when procedure_status_code = 1 then 'pending'
            when procedure_status_code = 5 then 'referred_out'
            else 'not_accepted'
        end as acceptance_status
    from planned_procedures
),

final as (
    select
        -- ids
        procedure_id,
        patient_id,
        provider_id,
        clinic_id,
        procedure_code_id,
        appointment_id,
        treatment_plan_id,

        -- dates
        treatment_planned_date,
        case when acceptance_status = 'accepted' then procedure_date end as accepted_date,

        -- attributes
        procedure_status_code,
        procedure_status,
        acceptance_status,
        case
            when acceptance_status = 'accepted'
                then {{ dbt.datediff('treatment_planned_date', 'procedure_date', 'day') }}
        end as days_to_acceptance,
        case
            when acceptance_status = 'pending'
                then {{ dbt.datediff('treatment_planned_date', as_of_date(), 'day') }}
        end as days_pending,

        -- amounts
        cast(procedure_fee * (unit_quantity + base_units) as decimal(15, 2)) as planned_fee_amount,

        -- flags
        is_on_saved_plan,
        -- booked on an appointment still to come (AptStatus 1); one on a broken or
        -- unscheduled-list appointment is not booked
        coalesce(acceptance_status = 'pending' and appointment_status_code = 1, false)
            as is_pending_scheduled
    from classified
)

select * from final
