{#- The unscheduled-treatment backlog, one row per procedure, aged and banded
    (var('unscheduled_treatment_age_band_months'), [3, 6, 12, 24]: 0_to_2_months, 3_to_5_months,
    6_to_11_months, 12_to_23_months, 24_months_and_over). mart_unscheduled_treatment sums it and
    the work list reads it, so the two cannot disagree. -#}
{%- set band_edges = var('unscheduled_treatment_age_band_months') -%}

with

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
),

patients as (
    select * from {{ ref('int_patient_profile') }}
),

-- Treatment still planned (ProcStatus 1 TP) on no scheduled appointment, planned by the as-of
-- date: OpenDental's Treatment Finder list.
unscheduled_procedures as (
    select
        planned_procedures.procedure_id,
        planned_procedures.patient_id,
        patients.guarantor_id,
        planned_procedures.clinic_id,
        planned_procedures.provider_id,
        planned_procedures.procedure_code,
        coalesce(planned_procedures.cdt_category, 'other') as cdt_category,
        planned_procedures.treatment_planned_date as planned_date,
        cast({{ dbt.date_trunc('month', 'planned_procedures.treatment_planned_date') }} as date) as planned_month,
        planned_procedures.planned_fee_amount as fee_amount,
        planned_procedures.is_diagnosed_treatment,
        planned_procedures.is_previously_booked,
        coalesce(patients.patient_status_code = 0, false) as is_patient_active_status
    from planned_procedures
    left join patients
        on planned_procedures.patient_id = patients.patient_id
    where planned_procedures.treatment_status = 'unscheduled'
        and planned_procedures.treatment_planned_date <= {{ as_of_date() }}
),

-- Whole calendar months from the month planned to the as-of month (0 = planned this month).
aged_procedures as (
    select
        *,
        {{ dbt.datediff('planned_month', as_of_date(), 'month') }} as months_since_planned
    from unscheduled_procedures
),

-- Recoverable: planned within the last var('unscheduled_treatment_recoverable_months') calendar
-- months and the patient is still a patient of the practice (PatStatus 0).
banded_procedures as (
    select
        *,
        case
            {%- for edge in band_edges %}
            when months_since_planned < {{ edge }}
                then '{{ 0 if loop.first else band_edges[loop.index0 - 1] }}_to_{{ edge - 1 }}_months'
            {%- endfor %}
            else '{{ band_edges[-1] }}_months_and_over'
        end as age_band,
        months_since_planned < {{ var('unscheduled_treatment_recoverable_months') }} as is_within_recovery_window
    from aged_procedures
),

final as (
    select
        -- ids
        procedure_id,
        patient_id,
        guarantor_id,
        clinic_id,
        provider_id,

        -- procedure
        procedure_code,
        cdt_category,
        is_diagnosed_treatment,

        -- dates and age
        planned_date,
        planned_month,
        cast(months_since_planned as bigint) as months_since_planned,
        age_band,
        is_within_recovery_window,

        -- flags
        is_previously_booked,
        is_within_recovery_window and is_patient_active_status as is_recoverable,

        -- amounts
        cast(fee_amount as decimal(15, 2)) as fee_amount
    from banded_procedures
)

select * from final
