{#- Every presented procedure has exactly one outcome, and accepted is completed plus scheduled,
    by count and by value. Returns each row of mart_treatment_acceptance where they do not add up. -#}
select
    provider_id,
    clinic_id,
    cdt_category,
    planned_month
from {{ ref('mart_treatment_acceptance') }}
where presented_procedure_count <> completed_procedure_count + scheduled_procedure_count
        + unscheduled_procedure_count + not_accepted_procedure_count
    or accepted_procedure_count <> completed_procedure_count + scheduled_procedure_count
    or presented_fee_amount <> completed_fee_amount + scheduled_fee_amount
        + unscheduled_fee_amount + not_accepted_fee_amount
    or accepted_fee_amount <> completed_fee_amount + scheduled_fee_amount
    or accepted_procedure_count > presented_procedure_count
    or presented_procedure_count = 0
