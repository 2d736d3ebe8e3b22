{#- New-patient retention, recomputed from the raw layer: the new patients of each month (DESIGN.md:
    the first completed procedure, ProcStatus 2, not counting the D9986/D9987 broken-appointment
    codes), and those whose first visit on a later day (a completed procedure that is not a
    broken-appointment charge) falls within var('retention_window_months') and
    var('retention_long_window_months') months of the first visit; and whether each month's
    windows have closed by the as-of date. Compared with mart_patient_retention summed over
    clinics, month by month. One row per disagreement. -#}

{{ retention_kpi_comparison('new_patients') }}
