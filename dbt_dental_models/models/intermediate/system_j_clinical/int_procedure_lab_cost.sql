with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

lab_cases as (
    select * from {{ ref('stg_opendental__labcase') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

completed_procedures as (
    select
        procedures.procedure_id,
        procedures.patient_id,
        procedures.provider_id,
        procedures.clinic_id,
        procedures.procedure_code_id,
        procedures.appointment_id,
        procedures.procedure_date,
        cast(procedures.procedure_fee * (procedures.unit_quantity + procedures.base_units) as decimal(15, 2))
            as production_amount,
        coalesce(
            {%- for pattern in var('lab_procedure_code_patterns') %}
            procedure_catalog.procedure_code like '{{ pattern }}'{{ ' or' if not loop.last }}
            {%- endfor %},
            false
        ) as is_lab_work
    from procedures
    left join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    where procedures.procedure_status_code = 2
),

-- Lab fees of the cases seated at each appointment (a case links to its seat appointment).
appointment_lab_fees as (
    select
        appointment_id,
        count(*) as lab_case_count,
        sum(lab_fee_amount) as lab_fee_amount
    from lab_cases
    where appointment_id is not null
    group by appointment_id
),

-- The procedures that bear an appointment's lab fees: its lab-made work, or every completed
-- procedure of the appointment when none is lab-made.
appointment_work as (
    select
        appointment_id,
        max(case when is_lab_work then 1 else 0 end) as has_lab_work
    from completed_procedures
    where appointment_id is not null
    group by appointment_id
),

bearing_procedures as (
    select completed_procedures.*
    from completed_procedures
    inner join appointment_work
        on completed_procedures.appointment_id = appointment_work.appointment_id
    where completed_procedures.is_lab_work or appointment_work.has_lab_work = 0
),

appointment_production as (
    select
        appointment_id,
        sum(production_amount) as production_amount,
        count(*) as procedure_count
    from bearing_procedures
    group by appointment_id
),

-- Each bearing procedure of a seat appointment carries the appointment's lab fees in its share
-- of their production (evenly when they produced nothing).
allocated as (
    select
        completed_procedures.*,
        coalesce(appointment_lab_fees.lab_case_count, 0) > 0 as has_lab_case,
        case
            when appointment_lab_fees.lab_fee_amount is null then 0
            when bearing_procedures.procedure_id is null then 0
            when appointment_production.production_amount > 0
                then appointment_lab_fees.lab_fee_amount
                    * completed_procedures.production_amount / appointment_production.production_amount
            else appointment_lab_fees.lab_fee_amount / appointment_production.procedure_count
        end as lab_fee_amount
    from completed_procedures
    left join bearing_procedures
        on completed_procedures.procedure_id = bearing_procedures.procedure_id
    left join appointment_lab_fees
        on completed_procedures.appointment_id = appointment_lab_fees.appointment_id
    left join appointment_production
        on completed_procedures.appointment_id = appointment_production.appointment_id
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

        -- dates
        procedure_date,

        -- amounts
        production_amount,
        cast(lab_fee_amount as decimal(15, 2)) as lab_fee_amount,
        cast(production_amount - lab_fee_amount as decimal(15, 2)) as production_net_of_lab_amount,

        -- flags
        has_lab_case,
        is_lab_work
    from allocated
)

select * from final
