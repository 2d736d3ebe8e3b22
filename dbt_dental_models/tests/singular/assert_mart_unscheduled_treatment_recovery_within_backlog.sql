{#- What could be recovered is part of the backlog: never negative, never more than the
    unscheduled treatment (by count and value), nothing recoverable outside the recovery window,
    and the previously booked part within the backlog too. One row per mart row that breaks it. -#}
select
    planned_month,
    provider_id,
    clinic_id,
    cdt_category,
    is_diagnosed_treatment,
    unscheduled_fee_amount,
    recoverable_fee_amount,
    previously_booked_fee_amount
from {{ ref('mart_unscheduled_treatment') }}
where recoverable_fee_amount < 0
    or recoverable_fee_amount > unscheduled_fee_amount
    or recoverable_procedure_count > unscheduled_procedure_count
    or previously_booked_fee_amount < 0
    or previously_booked_fee_amount > unscheduled_fee_amount
    or previously_booked_procedure_count > unscheduled_procedure_count
    or unscheduled_procedure_count <= 0
    or (not is_within_recovery_window and (recoverable_procedure_count <> 0 or recoverable_fee_amount <> 0))
    or is_within_recovery_window <> (months_since_planned < {{ var('unscheduled_treatment_recoverable_months') }})
