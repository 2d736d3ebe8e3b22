{#- Lab-cost-adjusted production reconciles with the raw lab cases: the lab fees allocated to
    procedures (int_procedure_lab_cost) equal the fees of the cases whose seat appointment has a
    completed procedure, appointment by appointment (to the cent of rounding per procedure), and
    mart_lab_adjusted_production carries the same total up to the as-of date. One row per
    disagreement. -#}

with

allocated as (
    select appointment_id, sum(lab_fee_amount) as lab_fee_amount
    from {{ ref('int_procedure_lab_cost') }}
    where has_lab_case
    group by appointment_id
),

raw_cases as (
    select labcase.aptnum as appointment_id, sum(labcase.labfee) as lab_fee_amount
    from {{ source('opendental', 'labcase') }} as labcase
    where labcase.aptnum <> 0
        and exists (
            select 1 from {{ source('opendental', 'procedurelog') }} as procedurelog
            where procedurelog.aptnum = labcase.aptnum and procedurelog.procstatus = 2
        )
    group by labcase.aptnum
),

by_appointment as (
    select
        'appointment ' || cast(coalesce(allocated.appointment_id, raw_cases.appointment_id) as varchar) as what,
        coalesce(allocated.lab_fee_amount, 0) as model_amount,
        coalesce(raw_cases.lab_fee_amount, 0) as raw_amount
    from allocated
    full outer join raw_cases
        on allocated.appointment_id = raw_cases.appointment_id
),

mart_total as (
    select
        'mart total' as what,
        (select sum(lab_fee_amount) from {{ ref('mart_lab_adjusted_production') }}) as model_amount,
        (
            select sum(lab_fee_amount) from {{ ref('int_procedure_lab_cost') }}
            where procedure_date <= {{ as_of_date() }}
        ) as raw_amount
)

select * from by_appointment where abs(model_amount - raw_amount) > 0.05
union all
select * from mart_total where abs(coalesce(model_amount, 0) - coalesce(raw_amount, 0)) > 0.01
