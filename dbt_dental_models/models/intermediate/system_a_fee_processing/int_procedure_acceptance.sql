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

plan_attachments as (
    select * from {{ ref('stg_opendental__treatplanattach') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
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

-- The active (or inactive) plan a procedure is attached to (OpenDental links procedures to the
-- patient's current plan through treatplanattach, without copying them as saved plans do).
active_plan_attachments as (
    select
        procedure_id,
        min(treatment_plan_id) as treatment_plan_id
    from plan_attachments
    where procedure_id is not null
    group by procedure_id
),

-- Diagnosed treatment: a code of the CDT categories of var('case_acceptance_cdt_categories')
-- (restorative to orthodontics), not one of the cleanings of
-- var('case_acceptance_excluded_procedure_codes') that CDT files under periodontics.
procedures_with_codes as (
    select
        procedures.*,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        coalesce(
            procedure_catalog.cdt_category in (
                {%- for category in var('case_acceptance_cdt_categories') %}
                '{{ category }}'{{ ',' if not loop.last }}
                {%- endfor %}
            )
            {%- if var('case_acceptance_excluded_procedure_codes') %}
            and procedure_catalog.procedure_code not in (
                {%- for code in var('case_acceptance_excluded_procedure_codes') %}
                '{{ code }}'{{ ',' if not loop.last }}
                {%- endfor %}
            )
            {%- endif %},
            false
        ) as is_diagnosed_treatment,
        coalesce(first_plan_lines.treatment_plan_id, active_plan_attachments.treatment_plan_id)
            as treatment_plan_id,
        first_plan_lines.procedure_id is not null as is_on_saved_plan,
        active_plan_attachments.procedure_id is not null as is_on_active_plan,
        appointments.appointment_status_code
    from procedures
    left join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    left join first_plan_lines
        on procedures.procedure_id = first_plan_lines.procedure_id
    left join active_plan_attachments
        on procedures.procedure_id = active_plan_attachments.procedure_id
    left join appointments
        on procedures.appointment_id = appointments.appointment_id
),

-- A procedure was treatment-planned when it is still planned (ProcStatus 1 TP, 8 TPi), sits on a
-- saved plan, or was planned on an earlier day than it was done (DateTP < ProcDate). Completed
-- diagnosed treatment is kept whatever its dates: work done the day it was diagnosed (DateTP =
-- ProcDate) was presented and accepted that day. A procedure with neither date cannot be placed
-- in a month and is left out.
selected_procedures as (
    select
        *,
        coalesce(treatment_planned_date, procedure_date) as planned_date
    from procedures_with_codes
    where coalesce(treatment_planned_date, procedure_date) is not null
        and (
            procedure_status_code in (1, 8)
            or is_on_saved_plan
            or treatment_planned_date < procedure_date
            or (is_diagnosed_treatment and procedure_status_code = 2)
        )
),

-- What became of it by the as-of date. Scheduled: still TP and attached (AptNum) to an
-- appointment that is scheduled (AptStatus 1). Unscheduled: still TP and on no scheduled
-- appointment (none, or one that was broken, moved to the unscheduled list or set complete
-- without it).
classified as (
    select
        *,
        case
            when procedure_status_code = 2 then 'completed'
            when procedure_status_code = 1 and appointment_status_code = 1 then 'scheduled'
            when procedure_status_code = 1 then 'unscheduled'
            when procedure_status_code = 5 then 'referred_out'
            else 'not_accepted'
        end as treatment_status
    from selected_procedures
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
        planned_date as treatment_planned_date,
        case when treatment_status = 'completed' then procedure_date end as completed_date,

        -- attributes
        procedure_code,
        cdt_category,
        procedure_status_code,
        procedure_status,
        appointment_status_code,
        treatment_status,
        case
            when treatment_status = 'completed'
                then {{ dbt.datediff('planned_date', 'procedure_date', 'day') }}
        end as days_to_completion,
        case
            when treatment_status = 'unscheduled'
                then {{ dbt.datediff('planned_date', as_of_date(), 'day') }}
        end as days_unscheduled,

        -- amounts
        cast(procedure_fee * (unit_quantity + base_units) as decimal(15, 2)) as planned_fee_amount,

        -- flags
        is_on_saved_plan,
        is_on_active_plan,
        is_diagnosed_treatment,
        -- presented for case acceptance: diagnosed treatment still planned (TP), declined onto an
        -- inactive plan (TPi), completed, or deleted after it was planned; referred out,
        -- existing-work and condition rows are not this practice's presentation outcome
        (is_diagnosed_treatment and procedure_status_code in (1, 2, 6, 8)) as is_case_presented,
        (
            is_diagnosed_treatment
            and procedure_status_code in (1, 2, 6, 8)
            and treatment_status in ('completed', 'scheduled')
        ) as is_case_accepted,
        -- unscheduled, but attached to an appointment that is not scheduled: the patient booked
        -- it once (the appointment was broken, moved to the unscheduled list or done without it)
        (treatment_status = 'unscheduled' and appointment_status_code is not null) as is_previously_booked
    from classified
)

select * from final
