{%- set payer_classes = var('payer_class_by_plan_type') -%}

with

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

patient_payments as (
    select * from {{ ref('int_patient_payment_allocated') }}
),

insurance_payments as (
    select * from {{ ref('int_insurance_payment_allocated') }}
),

claim_procedures as (
    select * from {{ ref('int_claim_details') }}
),

coverages as (
    select * from {{ ref('int_insurance_coverage') }}
),

-- Every amount the mix reports, one row per source row, dated the way OpenDental's reports date
-- it (DESIGN.md): production by procedure date, patient income by pay date, insurance income by
-- check date, write-offs of received and supplemental claimprocs by their payment date (DateCP).
activity as (
    select
        'production' as activity_type,
        procedure_id as source_id,
        patient_id,
        procedure_date as activity_date,
        production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        not is_broken_appointment_code as is_visit_procedure
    from completed_procedures

    union all

    select
        'patient_income' as activity_type,
        payment_split_id as source_id,
        patient_id,
        payment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        false as is_visit_procedure
    from patient_payments
    where is_patient_income

    union all

    select
        'insurance_income' as activity_type,
        claim_procedure_id as source_id,
        patient_id,
        income_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        insurance_paid_amount as insurance_income_amount,
        cast(0 as decimal(15, 2)) as write_off_amount,
        false as is_visit_procedure
    from insurance_payments
    -- a claimproc whose check was deleted has no check date and is no income
    where income_date is not null

    union all

    select
        'write_off' as activity_type,
        claim_procedure_id as source_id,
        patient_id,
        payment_date as activity_date,
        cast(0 as decimal(15, 2)) as production_amount,
        cast(0 as decimal(15, 2)) as patient_income_amount,
        cast(0 as decimal(15, 2)) as insurance_income_amount,
        write_off_amount,
        false as is_visit_procedure
    from claim_procedures
    where is_received_or_supplemental
),

primary_coverages as (
    select
        patient_plan_id,
        patient_id,
        effective_date,
        termination_date,
        plan_type
    from coverages
    where coverage_ordinal = 1
),

-- The primary coverage in effect on the day of each amount; should two overlap, the one with the
-- lowest PatPlanNum, so no amount is counted twice.
activity_coverages as (
    select
        activity.activity_type,
        activity.source_id,
        primary_coverages.plan_type,
        row_number() over (
            partition by activity.activity_type, activity.source_id
            order by primary_coverages.patient_plan_id
        ) as coverage_sequence
    from activity
    inner join primary_coverages
        on activity.patient_id = primary_coverages.patient_id
        and (primary_coverages.effective_date is null or primary_coverages.effective_date <= activity.activity_date)
        and (primary_coverages.termination_date is null or primary_coverages.termination_date >= activity.activity_date)
),

classified_activity as (
    select
        activity.*,
        cast({{ dbt.date_trunc('month', 'activity.activity_date') }} as date) as report_month,
        case
            when activity_coverages.source_id is null then 'self_pay'
            {%- for plan_type, payer_class in payer_classes.items() %}
            when activity_coverages.plan_type = '{{ plan_type }}' then '{{ payer_class }}'
            {%- endfor %}
            else 'other_insurance'
        end as payer_class
    from activity
    left join activity_coverages
        on activity.activity_type = activity_coverages.activity_type
        and activity.source_id = activity_coverages.source_id
        and activity_coverages.coverage_sequence = 1
),

month_payer_classes as (
    select
        report_month,
        payer_class,
        cast(count(distinct case when is_visit_procedure then patient_id end) as bigint) as patients_seen,
        cast(sum(production_amount) as decimal(15, 2)) as production_amount,
        cast(sum(patient_income_amount) as decimal(15, 2)) as patient_income_amount,
        cast(sum(insurance_income_amount) as decimal(15, 2)) as insurance_income_amount,
        cast(sum(write_off_amount) as decimal(15, 2)) as write_off_amount
    from classified_activity
    group by report_month, payer_class
),

final as (
    select
        -- grain
        report_month,
        payer_class,

        -- counts
        patients_seen,

        -- amounts
        production_amount,
        patient_income_amount,
        insurance_income_amount,
        cast(patient_income_amount + insurance_income_amount as decimal(15, 2)) as collections_amount,
        write_off_amount,

        -- rates
        {{ ratio('production_amount', 'sum(production_amount) over (partition by report_month)') }}
            as share_of_production
    from month_payer_classes
)

select * from final
