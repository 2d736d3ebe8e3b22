{#- Age bands of var('unscheduled_treatment_age_band_months') ([3, 6, 12, 24]): 0_to_2_months,
    3_to_5_months, 6_to_11_months, 12_to_23_months, 24_months_and_over. -#}
{%- set band_edges = var('unscheduled_treatment_age_band_months') -%}

with

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
),

patients as (
    select * from {{ ref('int_patient_profile') }}
),

-- Treatment still planned (ProcStatus 1 TP) on no scheduled appointment, planned by the as-of
-- date: OpenDental's Treatment Finder list, one row per procedure.
unscheduled_procedures as (
    select
        planned_procedures.procedure_id,
        planned_procedures.provider_id,
        planned_procedures.clinic_id,
        coalesce(planned_procedures.cdt_category, 'other') as cdt_category,
        planned_procedures.is_diagnosed_treatment,
        planned_procedures.is_previously_booked,
        planned_procedures.planned_fee_amount,
        cast({{ dbt.date_trunc('month', 'planned_procedures.treatment_planned_date') }} as date) as planned_month,
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

grouped as (
    select
        planned_month,
        provider_id,
        clinic_id,
        cdt_category,
        is_diagnosed_treatment,
        months_since_planned,
        age_band,
        is_within_recovery_window,
        count(*) as unscheduled_procedure_count,
        sum(planned_fee_amount) as unscheduled_fee_amount,
        sum(case when is_previously_booked then 1 else 0 end) as previously_booked_procedure_count,
        sum(case when is_previously_booked then planned_fee_amount else 0 end) as previously_booked_fee_amount,
        sum(case when is_within_recovery_window and is_patient_active_status then 1 else 0 end)
            as recoverable_procedure_count,
        sum(case when is_within_recovery_window and is_patient_active_status then planned_fee_amount else 0 end)
            as recoverable_fee_amount
    from banded_procedures
    group by
        planned_month,
        provider_id,
        clinic_id,
        cdt_category,
        is_diagnosed_treatment,
        months_since_planned,
        age_band,
        is_within_recovery_window
),

final as (
    select
        -- grain
        planned_month,
        provider_id,
        clinic_id,
        cdt_category,
        is_diagnosed_treatment,

        -- age
        cast(months_since_planned as bigint) as months_since_planned,
        age_band,
        is_within_recovery_window,

        -- counts
        cast(unscheduled_procedure_count as bigint) as unscheduled_procedure_count,
        cast(previously_booked_procedure_count as bigint) as previously_booked_procedure_count,
        cast(recoverable_procedure_count as bigint) as recoverable_procedure_count,

        -- amounts
        cast(unscheduled_fee_amount as decimal(15, 2)) as unscheduled_fee_amount,
        cast(previously_booked_fee_amount as decimal(15, 2)) as previously_booked_fee_amount,
        cast(recoverable_fee_amount as decimal(15, 2)) as recoverable_fee_amount
    from grouped
)

select * from final
