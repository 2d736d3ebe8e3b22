{#- Every planned procedure has exactly one outcome, and accepted is completed plus scheduled.
    Returns each provider-clinic-month where the counts or fees do not add up. -#}
select
    provider_id,
    clinic_id,
    planned_month
from {{ ref('mart_treatment_acceptance') }}
where procedures_planned <> procedures_completed + procedures_scheduled + procedures_pending
        + procedures_not_accepted + procedures_referred_out
    or procedures_accepted <> procedures_completed + procedures_scheduled
    or accepted_fee_amount > planned_fee_amount
    or completed_fee_amount > accepted_fee_amount
