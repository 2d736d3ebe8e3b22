with employers as (
    select * from {{ ref('stg_opendental__employer') }}
),

insurance_plans as (
    select * from {{ ref('stg_opendental__insplan') }}
),

subscribers as (
    select * from {{ ref('stg_opendental__inssub') }}
),

patient_plans as (
    select * from {{ ref('stg_opendental__patplan') }}
),

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

plan_counts as (
    select
        employer_id,
        count(*) as plan_count,
        count(distinct carrier_id) as carrier_count
    from insurance_plans
    where employer_id is not null
    group by employer_id
),

subscriber_counts as (
    select
        insurance_plans.employer_id,
        count(*) as subscriber_count,
        sum(
            case
                when (subscribers.effective_date is null or subscribers.effective_date <= {{ as_of_date() }})
                    and (subscribers.termination_date is null or subscribers.termination_date >= {{ as_of_date() }})
                    then 1
                else 0
            end
        ) as active_subscriber_count
    from subscribers
    inner join insurance_plans
        on subscribers.insurance_plan_id = insurance_plans.insurance_plan_id
    where insurance_plans.employer_id is not null
    group by insurance_plans.employer_id
),

covered_patient_counts as (
    select
        insurance_plans.employer_id,
        count(distinct patient_plans.patient_id) as covered_patient_count
    from patient_plans
    inner join subscribers
        on patient_plans.insurance_subscriber_id = subscribers.insurance_subscriber_id
    inner join insurance_plans
        on subscribers.insurance_plan_id = insurance_plans.insurance_plan_id
    where insurance_plans.employer_id is not null
    group by insurance_plans.employer_id
),

employee_counts as (
    select
        employer_id,
        count(*) as employed_patient_count
    from patients
    where employer_id is not null
    group by employer_id
),

final as (
    select
        -- ids
        employers.employer_id,

        -- attributes
        employers.employer_name,
        employers.city,
        employers.state,

        -- counts
        coalesce(plan_counts.plan_count, 0) as plan_count,
        coalesce(plan_counts.carrier_count, 0) as carrier_count,
        coalesce(subscriber_counts.subscriber_count, 0) as subscriber_count,
        coalesce(subscriber_counts.active_subscriber_count, 0) as active_subscriber_count,
        coalesce(covered_patient_counts.covered_patient_count, 0) as covered_patient_count,
        coalesce(employee_counts.employed_patient_count, 0) as employed_patient_count,

        -- flags
        (coalesce(plan_counts.plan_count, 0) > 0) as has_plans
    from employers
    left join plan_counts
        on employers.employer_id = plan_counts.employer_id
    left join subscriber_counts
        on employers.employer_id = subscriber_counts.employer_id
    left join covered_patient_counts
        on employers.employer_id = covered_patient_counts.employer_id
    left join employee_counts
        on employers.employer_id = employee_counts.employer_id
)

select * from final
