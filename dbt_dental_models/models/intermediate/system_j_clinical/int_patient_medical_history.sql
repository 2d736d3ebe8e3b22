with

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

patient_medications as (
    select * from {{ ref('stg_opendental__medicationpat') }}
),

medications as (
    select * from {{ ref('stg_opendental__medication') }}
),

patient_allergies as (
    select * from {{ ref('stg_opendental__allergy') }}
),

allergy_list as (
    select * from {{ ref('stg_opendental__allergydef') }}
),

patient_problems as (
    select * from {{ ref('stg_opendental__disease') }}
),

problem_list as (
    select * from {{ ref('stg_opendental__diseasedef') }}
),

-- Taken as of the as-of date: started by then (or no start) and not stopped by then.
active_medications as (
    select
        patient_medications.patient_id,
        lower(coalesce(medications.medication_name, patient_medications.medication_description)) as medication_name
    from patient_medications
    left join medications
        on patient_medications.medication_id = medications.medication_id
    where (patient_medications.start_date is null or patient_medications.start_date <= {{ as_of_date() }})
        and (patient_medications.stop_date is null or patient_medications.stop_date > {{ as_of_date() }})
),

medication_summary as (
    select
        patient_id,
        count(*) as active_medication_count,
        max(case when medication_name in ({{ lowercase_name_list(var('anticoagulant_medication_names')) }}) then 1 else 0 end)
            as on_anticoagulant,
        max(case when medication_name in ({{ lowercase_name_list(var('bisphosphonate_medication_names')) }}) then 1 else 0 end)
            as on_bisphosphonate
    from active_medications
    group by patient_id
),

allergy_summary as (
    select
        patient_allergies.patient_id,
        count(*) as active_allergy_count,
        max(case when lower(allergy_list.description) in ({{ lowercase_name_list(var('penicillin_allergy_names')) }}) then 1 else 0 end)
            as penicillin_allergy,
        max(case when lower(allergy_list.description) in ({{ lowercase_name_list(var('latex_allergy_names')) }}) then 1 else 0 end)
            as latex_allergy
    from patient_allergies
    left join allergy_list
        on patient_allergies.allergy_definition_id = allergy_list.allergy_definition_id
    where patient_allergies.is_active
    group by patient_allergies.patient_id
),

-- Active problems (ProbStatus 0).
problem_summary as (
    select
        patient_problems.patient_id,
        count(*) as active_problem_count,
        max(case when lower(problem_list.problem_name) in ({{ lowercase_name_list(var('premedication_problem_names')) }}) then 1 else 0 end)
            as premedication_problem,
        max(case when lower(problem_list.problem_name) in ({{ lowercase_name_list(var('prosthetic_joint_problem_names')) }}) then 1 else 0 end)
            as prosthetic_joint,
        max(case when lower(problem_list.problem_name) in ({{ lowercase_name_list(var('diabetes_problem_names')) }}) then 1 else 0 end)
            as diabetes
    from patient_problems
    left join problem_list
        on patient_problems.problem_definition_id = problem_list.problem_definition_id
    where patient_problems.problem_status_code = 0
    group by patient_problems.patient_id
),

history_recorded as (
    select patient_id from patient_medications
    union
    select patient_id from patient_allergies
    union
    select patient_id from patient_problems
),

final as (
    select
        -- ids
        patients.patient_id,

        -- counts
        coalesce(medication_summary.active_medication_count, 0) as active_medication_count,
        coalesce(allergy_summary.active_allergy_count, 0) as active_allergy_count,
        coalesce(problem_summary.active_problem_count, 0) as active_problem_count,

        -- flags
        (history_recorded.patient_id is not null) as has_health_history_entries,
        coalesce(problem_summary.premedication_problem, 0) = 1 as needs_antibiotic_premedication,
        coalesce(problem_summary.prosthetic_joint, 0) = 1 as has_prosthetic_joint,
        coalesce(problem_summary.diabetes, 0) = 1 as has_diabetes,
        coalesce(medication_summary.on_anticoagulant, 0) = 1 as is_on_anticoagulant,
        coalesce(medication_summary.on_bisphosphonate, 0) = 1 as is_on_bisphosphonate,
        coalesce(allergy_summary.penicillin_allergy, 0) = 1 as has_penicillin_allergy,
        coalesce(allergy_summary.latex_allergy, 0) = 1 as has_latex_allergy
    from patients
    left join medication_summary
        on patients.patient_id = medication_summary.patient_id
    left join allergy_summary
        on patients.patient_id = allergy_summary.patient_id
    left join problem_summary
        on patients.patient_id = problem_summary.patient_id
    left join history_recorded
        on patients.patient_id = history_recorded.patient_id
)

select * from final
