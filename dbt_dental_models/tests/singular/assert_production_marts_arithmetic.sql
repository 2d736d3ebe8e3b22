{#- The identities the production marts' numbers must satisfy, row by row: net production =
    production + adjustments − write-offs, collections = patient + insurance income, uncollected =
    net production − collections; on provider months, the nine procedure-mix shares add up to 1
    (within the rounding of nine 4-decimal shares) whenever there is production, and new patients
    are among the patients seen. One row per broken identity, naming it. -#}

with

production_summary as (
    select * from {{ ref('mart_production_summary') }}
),

provider_performance as (
    select * from {{ ref('mart_provider_performance') }}
),

summary_failures as (
    select
        'mart_production_summary' as model_name,
        case
            when net_production_amount <> production_amount + adjustment_amount - write_off_amount
                then 'net_production = production + adjustments - write_offs'
            when collections_amount <> patient_income_amount + insurance_income_amount
                then 'collections = patient_income + insurance_income'
            when uncollected_production_amount <> net_production_amount - collections_amount
                then 'uncollected = net_production - collections'
            when month_start_date <> cast({{ dbt.date_trunc('month', 'activity_date') }} as date)
                then 'month_start_date is the month of activity_date'
        end as failed_identity,
        activity_date,
        month_start_date,
        provider_id,
        clinic_id
    from production_summary
),

performance_failures as (
    select
        'mart_provider_performance' as model_name,
        case
            when net_production_amount <> production_amount + adjustment_amount - write_off_amount
                then 'net_production = production + adjustments - write_offs'
            when collections_amount <> patient_income_amount + insurance_income_amount
                then 'collections = patient_income + insurance_income'
            when production_amount <> 0
                and abs(
                    diagnostic_production_share + preventive_production_share
                    + restorative_production_share + endodontics_production_share
                    + periodontics_production_share + prosthodontics_production_share
                    + oral_surgery_production_share + orthodontics_production_share
                    + other_production_share - 1
                ) > 0.0005
                then 'procedure-mix shares add up to 1'
            when new_patient_count > patients_seen_count
                then 'new patients are among the patients seen'
        end as failed_identity,
        cast(null as date) as activity_date,
        month_start_date,
        provider_id,
        cast(null as {{ dbt.type_bigint() }}) as clinic_id
    from provider_performance
),

final as (
    select * from summary_failures
    union all
    select * from performance_failures
)

select *
from final
where failed_identity is not null
