{#- fact_procedure's complete rows are exactly int_procedure_complete's procedures, each with the
    same production (= charged amount less capitation write-offs), and no other row carries
    production. Returns every procedure where that breaks. -#}
with

fact_procedures as (
    select * from {{ ref('fact_procedure') }}
),

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

mismatches as (
    select
        coalesce(fact_procedures.procedure_id, completed_procedures.procedure_id) as procedure_id,
        fact_procedures.is_complete,
        fact_procedures.production_amount as fact_production_amount,
        completed_procedures.production_amount as completed_production_amount
    from fact_procedures
    full outer join completed_procedures
        on fact_procedures.procedure_id = completed_procedures.procedure_id
    where
        (fact_procedures.is_complete and completed_procedures.procedure_id is null)
        or (completed_procedures.procedure_id is not null and not coalesce(fact_procedures.is_complete, false))
        or (not fact_procedures.is_complete and fact_procedures.production_amount <> 0)
        or (fact_procedures.is_complete and fact_procedures.production_amount <> completed_procedures.production_amount)
        or (
            fact_procedures.is_complete
            and fact_procedures.production_amount
            <> fact_procedures.charged_amount - fact_procedures.capitation_write_off_amount
        )
)

select * from mismatches
