{#- Unscheduled treatment (DESIGN.md's KPI) recomputed from the raw layer: procedures still
    treatment-planned (procedurelog ProcStatus 1) that are not attached to a scheduled appointment
    (AptNum 0, or an appointment whose AptStatus is not 1), valued at ProcFee * (UnitQty +
    BaseUnits), by the month planned (DateTP; ProcDate when DateTP is 0001-01-01) up to the as-of
    date. The recoverable part: planned fewer than var unscheduled_treatment_recoverable_months
    calendar months before the as-of month, for a patient whose PatStatus is 0 (patient).
    Compared with the sums of mart_unscheduled_treatment month by month and over the whole
    backlog; one row per disagreement. -#}

with

mart_rows as (
    select * from {{ ref('mart_unscheduled_treatment') }}
),

raw_procedures as (
    select * from {{ source('opendental', 'procedurelog') }}
),

raw_appointments as (
    select * from {{ source('opendental', 'appointment') }}
),

raw_patients as (
    select * from {{ source('opendental', 'patient') }}
),

planned_procedures as (
    select
        raw_procedures.patnum,
        raw_procedures.aptnum,
        case
            when raw_procedures.datetp > cast('0001-01-01' as date) then raw_procedures.datetp
            when raw_procedures.procdate > cast('0001-01-01' as date) then raw_procedures.procdate
        end as planned_date,
        cast(raw_procedures.procfee * (raw_procedures.unitqty + raw_procedures.baseunits) as decimal(15, 2)) as fee
    from raw_procedures
    where raw_procedures.procstatus = 1
),

unscheduled as (
    select
        planned_procedures.planned_date,
        planned_procedures.fee,
        raw_patients.patstatus
    from planned_procedures
    left join raw_appointments
        on planned_procedures.aptnum = raw_appointments.aptnum
        and planned_procedures.aptnum <> 0
    left join raw_patients
        on planned_procedures.patnum = raw_patients.patnum
    where planned_procedures.planned_date <= {{ as_of_date() }}
        and coalesce(raw_appointments.aptstatus, 0) <> 1
),

aged as (
    select
        cast({{ dbt.date_trunc('month', 'planned_date') }} as date) as month_start,
        fee,
        patstatus,
        (extract(year from {{ as_of_date() }}) * 12 + extract(month from {{ as_of_date() }}))
            - (extract(year from planned_date) * 12 + extract(month from planned_date)) as months_old
    from unscheduled
),

raw_by_month as (
    select
        month_start,
        cast(count(*) as bigint) as procedure_count,
        cast(sum(fee) as decimal(15, 2)) as fee_amount,
        cast(
            sum(
                case
                    when months_old < {{ var('unscheduled_treatment_recoverable_months') }} and patstatus = 0
                        then fee
                    else 0
                end
            ) as decimal(15, 2)
        ) as recoverable_amount
    from aged
    group by month_start
),

mart_by_month as (
    select
        planned_month as month_start,
        cast(sum(unscheduled_procedure_count) as bigint) as procedure_count,
        cast(sum(unscheduled_fee_amount) as decimal(15, 2)) as fee_amount,
        cast(sum(recoverable_fee_amount) as decimal(15, 2)) as recoverable_amount
    from mart_rows
    group by planned_month
),

by_month as (
    select
        coalesce(mart_by_month.month_start, raw_by_month.month_start) as month_start,
        mart_by_month.procedure_count as mart_procedure_count,
        raw_by_month.procedure_count as raw_procedure_count,
        mart_by_month.fee_amount as mart_fee_amount,
        raw_by_month.fee_amount as raw_fee_amount,
        mart_by_month.recoverable_amount as mart_recoverable_amount,
        raw_by_month.recoverable_amount as raw_recoverable_amount
    from mart_by_month
    full outer join raw_by_month
        on mart_by_month.month_start = raw_by_month.month_start
),

whole_backlog as (
    select
        cast(null as date) as month_start,
        (select cast(sum(unscheduled_procedure_count) as bigint) from mart_rows) as mart_procedure_count,
        (select cast(sum(procedure_count) as bigint) from raw_by_month) as raw_procedure_count,
        (select cast(sum(unscheduled_fee_amount) as decimal(15, 2)) from mart_rows) as mart_fee_amount,
        (select cast(sum(fee_amount) as decimal(15, 2)) from raw_by_month) as raw_fee_amount,
        (select cast(sum(recoverable_fee_amount) as decimal(15, 2)) from mart_rows) as mart_recoverable_amount,
        (select cast(sum(recoverable_amount) as decimal(15, 2)) from raw_by_month) as raw_recoverable_amount
),

comparisons as (
    select * from by_month
    union all
    select * from whole_backlog
),

final as (
    select *
    from comparisons
    where coalesce(mart_procedure_count, 0) <> coalesce(raw_procedure_count, 0)
        or coalesce(mart_fee_amount, 0) <> coalesce(raw_fee_amount, 0)
        or coalesce(mart_recoverable_amount, 0) <> coalesce(raw_recoverable_amount, 0)
)

select * from final
