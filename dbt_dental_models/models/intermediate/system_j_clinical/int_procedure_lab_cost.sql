with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

lab_cases as (
    select * from {{ ref('stg_opendental__labcase') }}
),

completed_procedures as (
    select
        procedure_id,
        patient_id,
        provider_id,
        clinic_id,
        procedure_code_id,
        appointment_id,
        procedure_date,
        cast(procedure_fee * (unit_quantity + base_units) as decimal(15, 2)) as production_amount
    from procedures
    where procedure_status_code = 2
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

appointment_production as (
    select
        appointment_id,
        sum(production_amount) as production_amount,
        count(*) as procedure_count
    from completed_procedures
    where appointment_id is not null
    group by appointment_id
),

-- Each completed procedure of a seat appointment carries the appointment's lab fees in its share
-- of the appointment's production (evenly when the appointment produced nothing).
allocated as (
    select
        completed_procedures.*,
        coalesce(appointment_lab_fees.lab_case_count, 0) > 0 as has_lab_case,
        case
            when appointment_lab_fees.lab_fee_amount is null then 0
            when appointment_production.production_amount > 0
                then appointment_lab_fees.lab_fee_amount
                    * completed_procedures.production_amount / appointment_production.production_amount
            else appointment_lab_fees.lab_fee_amount / appointment_production.procedure_count
        end as lab_fee_amount
    from completed_procedures
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
        has_lab_case
    from allocated
)

select * from final
