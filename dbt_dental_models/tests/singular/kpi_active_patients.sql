{#- Active patients (DESIGN.md's KPI) recomputed from the raw layer: patients with a completed
    procedure (procedurelog ProcStatus 2), not a broken-appointment charge (procedurecode
    ProcCode in var broken_appointment_procedure_codes), dated in the var active_patient_months
    months up to the as-of date. Compared with dim_patient.is_active_patient, patient by patient;
    one row per patient the two disagree on. -#}

with

raw_patients as (
    select * from {{ source('opendental', 'patient') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

dim_patients as (
    select * from {{ ref('dim_patient') }}
),

raw_active as (
    select distinct raw_procedures.patnum as patient_id
    from raw_procedures
    inner join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.procstatus = 2
        and raw_procedure_codes.proccode not in (
            {%- for code in var('broken_appointment_procedure_codes') %}
            '{{ code }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
        and raw_procedures.procdate > {{ dbt.dateadd('month', -var('active_patient_months'), as_of_date()) }}
        and raw_procedures.procdate <= {{ as_of_date() }}
),

raw_flags as (
    select
        raw_patients.patnum as patient_id,
        (raw_active.patient_id is not null) as is_active_patient
    from raw_patients
    left join raw_active
        on raw_patients.patnum = raw_active.patient_id
),

differences as (
    select
        coalesce(dim_patients.patient_id, raw_flags.patient_id) as patient_id,
        dim_patients.is_active_patient as mart_is_active,
        raw_flags.is_active_patient as raw_is_active
    from dim_patients
    full outer join raw_flags
        on dim_patients.patient_id = raw_flags.patient_id
    where dim_patients.is_active_patient is distinct from raw_flags.is_active_patient
)

select * from differences
