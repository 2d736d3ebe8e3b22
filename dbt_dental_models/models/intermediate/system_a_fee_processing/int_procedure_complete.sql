{{ config(materialized='table') }}

with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

claim_procedures as (
    select * from {{ ref('stg_opendental__claimproc') }}
),

-- OpenDental's production counts ProcStatus 2 (complete) only: planned, existing, referred,
-- deleted and condition rows are not work done by the practice.
completed_procedures as (
    select *
    from procedures
    where procedure_status_code = 2
),

-- Capitation plans pay a fixed amount per member; OpenDental writes the procedure's fee off
-- through claimprocs of status 7 (capitation complete) and production reports subtract it.
capitation_write_offs as (
    select
        procedure_id,
        sum(write_off_amount) as capitation_write_off_amount
    from claim_procedures
    where claim_procedure_status_code = 7
    group by procedure_id
),

valued_procedures as (
    select
        completed_procedures.procedure_id,
        completed_procedures.patient_id,
        completed_procedures.provider_id,
        completed_procedures.clinic_id,
        completed_procedures.appointment_id,
        completed_procedures.procedure_code_id,
        completed_procedures.procedure_date,
        completed_procedures.treatment_planned_date,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        completed_procedures.procedure_fee,
        completed_procedures.unit_quantity,
        completed_procedures.base_units,
        completed_procedures.unit_quantity + completed_procedures.base_units as production_units,
        cast(
            completed_procedures.procedure_fee
            * (completed_procedures.unit_quantity + completed_procedures.base_units)
            as decimal(15, 2)
        ) as gross_production_amount,
        cast(coalesce(capitation_write_offs.capitation_write_off_amount, 0) as decimal(15, 2))
            as capitation_write_off_amount,
        coalesce(procedure_catalog.is_broken_appointment_code, false) as is_broken_appointment_code,
        coalesce(procedure_catalog.is_hygiene, false) as is_hygiene
    from completed_procedures
    left join procedure_catalog
        on completed_procedures.procedure_code_id = procedure_catalog.procedure_code_id
    left join capitation_write_offs
        on completed_procedures.procedure_id = capitation_write_offs.procedure_id
),

-- New patient: the patient's first completed procedure, broken-appointment codes left out.
-- Same-day ties go to the lowest ProcNum, so exactly one procedure per patient carries the flag.
first_procedures as (
    select
        procedure_id,
        row_number() over (
            partition by patient_id
            order by procedure_date, procedure_id
        ) as patient_procedure_sequence
    from valued_procedures
    where not is_broken_appointment_code
        and procedure_date is not null
),

final as (
    select
        -- ids
        valued_procedures.procedure_id,
        valued_procedures.patient_id,
        valued_procedures.provider_id,
        valued_procedures.clinic_id,
        valued_procedures.appointment_id,
        valued_procedures.procedure_code_id,

        -- dates
        valued_procedures.procedure_date,
        valued_procedures.treatment_planned_date,

        -- attributes
        valued_procedures.procedure_code,
        valued_procedures.cdt_category,
        valued_procedures.unit_quantity,
        valued_procedures.base_units,
        valued_procedures.production_units,

        -- amounts
        valued_procedures.procedure_fee,
        valued_procedures.gross_production_amount,
        valued_procedures.capitation_write_off_amount,
        cast(
            valued_procedures.gross_production_amount - valued_procedures.capitation_write_off_amount
            as decimal(15, 2)
        ) as production_amount,

        -- flags
        valued_procedures.is_broken_appointment_code,
        valued_procedures.is_hygiene,
        coalesce(first_procedures.patient_procedure_sequence = 1, false) as is_new_patient_procedure
    from valued_procedures
    left join first_procedures
        on valued_procedures.procedure_id = first_procedures.procedure_id
)

select * from final
