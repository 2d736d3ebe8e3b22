{#- Case (treatment) acceptance (DESIGN.md's KPI) recomputed from the raw layer: of the diagnosed
    treatment presented (CDT D2000-D8999, restorative to orthodontics, less the cleanings of var
    case_acceptance_excluded_procedure_codes), the value and count later scheduled or completed.
    Presented: procedurelog ProcStatus 1 (TP), 2 (C) or 8 (TPi), or 6 (deleted) once planned (on a
    saved plan's proctp line, or DateTP before ProcDate); by the month of DateTP (ProcDate when
    DateTP is 0001-01-01), up to the as-of date. Accepted: completed, or TP on an appointment
    whose AptStatus is 1. Compared with the sums of mart_treatment_acceptance month by month and
    over the whole history; one row per disagreement. -#}

with

mart_rows as (
    select * from {{ ref('mart_treatment_acceptance') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_procedure_codes as (
    select * from {{ source('opendental', 'procedurecode') }}
),

raw_appointments as (
    select * from {{ source('opendental', 'appointment') }}
),

raw_plan_lines as (
    select * from {{ source('opendental', 'proctp') }}
),

saved_plan_procedures as (
    select distinct procnumorig as procnum
    from raw_plan_lines
    where procnumorig <> 0
),

diagnosed_treatment as (
    select
        raw_procedures.procnum,
        raw_procedures.procstatus,
        raw_procedures.datetp,
        raw_procedures.procdate,
        raw_procedures.aptnum,
        case
            when raw_procedures.datetp > cast('0001-01-01' as date) then raw_procedures.datetp
            when raw_procedures.procdate > cast('0001-01-01' as date) then raw_procedures.procdate
        end as presented_date,
        cast(raw_procedures.procfee * (raw_procedures.unitqty + raw_procedures.baseunits) as decimal(15, 2)) as fee
    from raw_procedures
    inner join raw_procedure_codes
        on raw_procedures.codenum = raw_procedure_codes.codenum
    where length(raw_procedure_codes.proccode) = 5
        and raw_procedure_codes.proccode >= 'D2000'
        and raw_procedure_codes.proccode <= 'D8999'
        {%- if var('case_acceptance_excluded_procedure_codes') %}
        and raw_procedure_codes.proccode not in (
            {%- for code in var('case_acceptance_excluded_procedure_codes') %}
            '{{ code }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
        {%- endif %}
),

presented as (
    select
        cast({{ dbt.date_trunc('month', 'diagnosed_treatment.presented_date') }} as date) as month_start,
        diagnosed_treatment.fee,
        (
            diagnosed_treatment.procstatus = 2
            or (diagnosed_treatment.procstatus = 1 and raw_appointments.aptstatus = 1)
        ) as is_accepted
    from diagnosed_treatment
    left join raw_appointments
        on diagnosed_treatment.aptnum = raw_appointments.aptnum
        and diagnosed_treatment.aptnum <> 0
    left join saved_plan_procedures
        on diagnosed_treatment.procnum = saved_plan_procedures.procnum
    where diagnosed_treatment.presented_date <= {{ as_of_date() }}
        and (
            diagnosed_treatment.procstatus in (1, 2, 8)
            or (
                diagnosed_treatment.procstatus = 6
                and (
                    saved_plan_procedures.procnum is not null
                    or (
                        diagnosed_treatment.datetp > cast('0001-01-01' as date)
                        and diagnosed_treatment.datetp < diagnosed_treatment.procdate
                    )
                )
            )
        )
),

raw_by_month as (
    select
        month_start,
        cast(count(*) as bigint) as presented_count,
        cast(sum(case when is_accepted then 1 else 0 end) as bigint) as accepted_count,
        cast(sum(fee) as decimal(15, 2)) as presented_value,
        cast(sum(case when is_accepted then fee else 0 end) as decimal(15, 2)) as accepted_value
    from presented
    group by month_start
),

mart_by_month as (
    select
        planned_month as month_start,
        cast(sum(presented_procedure_count) as bigint) as presented_count,
        cast(sum(accepted_procedure_count) as bigint) as accepted_count,
        cast(sum(presented_fee_amount) as decimal(15, 2)) as presented_value,
        cast(sum(accepted_fee_amount) as decimal(15, 2)) as accepted_value
    from mart_rows
    group by planned_month
),

by_month as (
    select
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.presented_count as mart_presented_count,
        raw_by_month.presented_count as raw_presented_count,
        mart_by_month.accepted_count as mart_accepted_count,
        raw_by_month.accepted_count as raw_accepted_count,
        mart_by_month.presented_value as mart_presented_value,
        raw_by_month.presented_value as raw_presented_value,
        mart_by_month.accepted_value as mart_accepted_value,
        raw_by_month.accepted_value as raw_accepted_value
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

whole_history as (
    select
        cast(null as date) as month_start,
        (select cast(sum(presented_procedure_count) as bigint) from mart_rows) as mart_presented_count,
        (select cast(sum(presented_count) as bigint) from raw_by_month) as raw_presented_count,
        (select cast(sum(accepted_procedure_count) as bigint) from mart_rows) as mart_accepted_count,
        (select cast(sum(accepted_count) as bigint) from raw_by_month) as raw_accepted_count,
        (select cast(sum(presented_fee_amount) as decimal(15, 2)) from mart_rows) as mart_presented_value,
        (select cast(sum(presented_value) as decimal(15, 2)) from raw_by_month) as raw_presented_value,
        (select cast(sum(accepted_fee_amount) as decimal(15, 2)) from mart_rows) as mart_accepted_value,
        (select cast(sum(accepted_value) as decimal(15, 2)) from raw_by_month) as raw_accepted_value
),

comparisons as (
    select * from by_month
    union all
    select * from whole_history
),

final as (
    select *
    from comparisons
    where coalesce(mart_presented_count, 0) <> coalesce(raw_presented_count, 0)
        or coalesce(mart_accepted_count, 0) <> coalesce(raw_accepted_count, 0)
        or coalesce(mart_presented_value, 0) <> coalesce(raw_presented_value, 0)
        or coalesce(mart_accepted_value, 0) <> coalesce(raw_accepted_value, 0)
)

select * from final
