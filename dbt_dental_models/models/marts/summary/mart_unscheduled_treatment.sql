{#- The backlog summed from fact_unscheduled_treatment, where the rule lives that puts a planned
    procedure on it, ages it and bands it: the report and the work list read the same rows. -#}
with

unscheduled_procedures as (
    select * from {{ ref('fact_unscheduled_treatment') }}
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
        sum(fee_amount) as unscheduled_fee_amount,
        sum(case when is_previously_booked then 1 else 0 end) as previously_booked_procedure_count,
        sum(case when is_previously_booked then fee_amount else 0 end) as previously_booked_fee_amount,
        sum(case when is_recoverable then 1 else 0 end) as recoverable_procedure_count,
        sum(case when is_recoverable then fee_amount else 0 end) as recoverable_fee_amount
    from unscheduled_procedures
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
