{#- New patients (DESIGN.md): a patient whose first completed procedure (ProcStatus 2) falls in the
    period, not counting the broken-appointment codes of var('broken_appointment_procedure_codes').
    Recounted here straight from the raw procedurelog and procedurecode and compared with
    mart_new_patient month by month and over the whole history. One row per disagreement. -#}

with

mart_new_patients as (
    select * from {{ ref('mart_new_patient') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

-- Completed procedures with a real date and patient, broken-appointment codes left out.
visit_procedures as (
    select
        raw_procedures.patnum,
        raw_procedures.procdate
    from raw_procedures
    left join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where raw_procedures.procstatus = 2
      and raw_procedures.patnum <> 0
      and raw_procedures.procdate > cast('0001-01-01' as date)
      and coalesce(raw_procedure_codes.proccode, '') not in (
          {%- for code in var('broken_appointment_procedure_codes') %}
          '{{ code }}'{{ ',' if not loop.last }}
          {%- endfor %}
      )
),

first_visits as (
    select
        patnum,
        min(procdate) as first_procdate
    from visit_procedures
    group by patnum
),

raw_by_month as (
    select
        cast({{ dbt.date_trunc('month', 'first_procdate') }} as date) as month_start,
        cast(count(*) as bigint) as new_patients
    from first_visits
    group by cast({{ dbt.date_trunc('month', 'first_procdate') }} as date)
),

mart_by_month as (
    select
        first_visit_month as month_start,
        cast(sum(new_patients) as bigint) as new_patients
    from mart_new_patients
    group by first_visit_month
),

monthly_comparison as (
    select
        'new_patients_by_month' as measure,
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.new_patients as mart_value,
        raw_by_month.new_patients as raw_value
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

total_comparison as (
    select
        'new_patients_total' as measure,
        cast(null as date) as month_start,
        (select cast(sum(new_patients) as bigint) from mart_new_patients) as mart_value,
        (select cast(count(*) as bigint) from first_visits) as raw_value
),

comparisons as (
    select * from monthly_comparison
    union all
    select * from total_comparison
),

final as (
    select *
    from comparisons
    where coalesce(mart_value, 0) <> coalesce(raw_value, 0)
)

select * from final
