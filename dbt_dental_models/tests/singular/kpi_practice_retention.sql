{#- Practice retention (DESIGN.md's patient retention), recomputed from the raw layer: the
    patients seen in each month (a visit: a completed procedure, ProcStatus 2, that is not a
    D9986/D9987 broken-appointment charge), each followed from their last visit of the month, and
    those whose first later visit falls within var('retention_window_months') and
    var('retention_long_window_months') months of it; and whether each month's windows have
    closed by the as-of date. Compared with mart_patient_retention summed over clinics, month by
    month. One row per disagreement. -#}

{{ retention_kpi_comparison('patients_seen') }}
