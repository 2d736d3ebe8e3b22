{#- fact_unscheduled_treatment (the work list, one row per procedure) and
    mart_unscheduled_treatment (the report) hold the same backlog: by age band and kind of
    treatment, the same procedure count and fee, and the same previously booked and recoverable
    parts. Returns each age band and kind where they differ. -#}
with

fact_totals as (
    select
        age_band,
        is_diagnosed_treatment,
        count(*) as procedure_count,
        sum(fee_amount) as fee_amount,
        sum(case when is_previously_booked then 1 else 0 end) as previously_booked_count,
        sum(case when is_previously_booked then fee_amount else 0 end) as previously_booked_fee_amount,
        sum(case when is_recoverable then 1 else 0 end) as recoverable_count,
        sum(case when is_recoverable then fee_amount else 0 end) as recoverable_fee_amount
    from {{ ref('fact_unscheduled_treatment') }}
    group by age_band, is_diagnosed_treatment
),

mart_totals as (
    select
        age_band,
        is_diagnosed_treatment,
        sum(unscheduled_procedure_count) as procedure_count,
        sum(unscheduled_fee_amount) as fee_amount,
        sum(previously_booked_procedure_count) as previously_booked_count,
        sum(previously_booked_fee_amount) as previously_booked_fee_amount,
        sum(recoverable_procedure_count) as recoverable_count,
        sum(recoverable_fee_amount) as recoverable_fee_amount
    from {{ ref('mart_unscheduled_treatment') }}
    group by age_band, is_diagnosed_treatment
),

compared as (
    select
        coalesce(fact_totals.age_band, mart_totals.age_band) as age_band,
        coalesce(fact_totals.is_diagnosed_treatment, mart_totals.is_diagnosed_treatment) as is_diagnosed_treatment,
        coalesce(fact_totals.procedure_count, 0) as fact_procedure_count,
        coalesce(mart_totals.procedure_count, 0) as mart_procedure_count,
        coalesce(fact_totals.fee_amount, 0) as fact_fee_amount,
        coalesce(mart_totals.fee_amount, 0) as mart_fee_amount,
        coalesce(fact_totals.previously_booked_count, 0) as fact_previously_booked_count,
        coalesce(mart_totals.previously_booked_count, 0) as mart_previously_booked_count,
        coalesce(fact_totals.previously_booked_fee_amount, 0) as fact_previously_booked_fee_amount,
        coalesce(mart_totals.previously_booked_fee_amount, 0) as mart_previously_booked_fee_amount,
        coalesce(fact_totals.recoverable_count, 0) as fact_recoverable_count,
        coalesce(mart_totals.recoverable_count, 0) as mart_recoverable_count,
        coalesce(fact_totals.recoverable_fee_amount, 0) as fact_recoverable_fee_amount,
        coalesce(mart_totals.recoverable_fee_amount, 0) as mart_recoverable_fee_amount
    from fact_totals
    full outer join mart_totals
        on fact_totals.age_band = mart_totals.age_band
        and fact_totals.is_diagnosed_treatment = mart_totals.is_diagnosed_treatment
)

select * from compared
where fact_procedure_count <> mart_procedure_count
    or fact_fee_amount <> mart_fee_amount
    or fact_previously_booked_count <> mart_previously_booked_count
    or fact_previously_booked_fee_amount <> mart_previously_booked_fee_amount
    or fact_recoverable_count <> mart_recoverable_count
    or fact_recoverable_fee_amount <> mart_recoverable_fee_amount
