with

ortho_cases as (
    select * from {{ ref('stg_opendental__orthocase') }}
),

plan_links as (
    select * from {{ ref('stg_opendental__orthoplanlink') }}
),

ortho_schedules as (
    select * from {{ ref('stg_opendental__orthoschedule') }}
),

procedure_links as (
    select * from {{ ref('stg_opendental__orthoproclink') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

-- The case's payment schedule (link type 0); a case has at most one in force.
case_schedules as (
    select
        plan_links.ortho_case_id,
        max(ortho_schedules.banding_amount) as banding_amount,
        max(ortho_schedules.visit_amount) as visit_amount,
        max(ortho_schedules.debond_amount) as debond_amount
    from plan_links
    inner join ortho_schedules
        on plan_links.linked_record_id = ortho_schedules.ortho_schedule_id
    where plan_links.link_type_code = 0
    group by plan_links.ortho_case_id
),

-- Billed: the completed (status 2) linked procedures up to the as-of date, at their fee.
billed_procedures as (
    select
        procedure_links.ortho_case_id,
        cast(sum(procedures.procedure_fee * (procedures.unit_quantity + procedures.base_units))
            as decimal(15, 2)) as billed_to_date_amount,
        count(case when procedure_links.procedure_link_type_code = 2 then 1 end) as completed_visit_count,
        max(procedures.procedure_date) as last_visit_date
    from procedure_links
    inner join procedures
        on procedure_links.procedure_id = procedures.procedure_id
    where procedures.procedure_status_code = 2
      and procedures.procedure_date <= {{ as_of_date() }}
    group by procedure_links.ortho_case_id
),

-- Months are counted from the banding month: the fee is recognised evenly over the expected
-- months, one part each month from banding (the last part takes the rounding), all of what is
-- left at debond.
timed as (
    select
        ortho_cases.*,
        case
            when ortho_cases.debond_date is not null and ortho_cases.debond_date <= {{ as_of_date() }}
                then ortho_cases.debond_date
        end as debonded_date,
        cast(
            case
                when {{ dbt.datediff('ortho_cases.banding_date', 'ortho_cases.expected_debond_date', 'month') }} > 1
                    then {{ dbt.datediff('ortho_cases.banding_date', 'ortho_cases.expected_debond_date', 'month') }}
                else 1
            end
            as integer
        ) as expected_treatment_months,
        cast({{ dbt.datediff('ortho_cases.banding_date', as_of_date(), 'month') }} + 1 as integer)
            as months_since_banding
    from ortho_cases
    where ortho_cases.banding_date <= {{ as_of_date() }}
),

recognised as (
    select
        timed.*,
        cast(round(contract_fee_amount / expected_treatment_months, 2) as decimal(15, 2)) as monthly_recognised_amount,
        cast(
            case
                when debonded_date is not null or months_since_banding >= expected_treatment_months
                    then contract_fee_amount
                else months_since_banding * round(contract_fee_amount / expected_treatment_months, 2)
            end
            as decimal(15, 2)
        ) as recognised_to_date_amount
    from timed
),

final as (
    select
        -- grain
        recognised.ortho_case_id,

        -- ids
        recognised.patient_id,
        recognised.provider_id,
        recognised.clinic_id,

        -- dates
        recognised.banding_date,
        recognised.expected_debond_date,
        recognised.debonded_date as debond_date,
        billed_procedures.last_visit_date,

        -- contract
        recognised.contract_fee_amount,
        recognised.primary_insurance_portion_amount,
        recognised.secondary_insurance_portion_amount,
        recognised.patient_portion_amount,
        cast(case_schedules.banding_amount as decimal(15, 2)) as banding_amount,
        cast(case_schedules.visit_amount as decimal(15, 2)) as visit_amount,
        cast(case_schedules.debond_amount as decimal(15, 2)) as debond_amount,

        -- progress
        cast(recognised.expected_treatment_months as integer) as expected_treatment_months,
        cast(recognised.months_since_banding as integer) as months_since_banding,
        cast(coalesce(billed_procedures.completed_visit_count, 0) as bigint) as completed_visit_count,
        recognised.monthly_recognised_amount,
        recognised.recognised_to_date_amount,
        cast(coalesce(billed_procedures.billed_to_date_amount, 0) as decimal(15, 2)) as billed_to_date_amount,
        cast(recognised.contract_fee_amount - coalesce(billed_procedures.billed_to_date_amount, 0)
            as decimal(15, 2)) as remaining_to_bill_amount,
        cast(coalesce(billed_procedures.billed_to_date_amount, 0) - recognised.recognised_to_date_amount
            as decimal(15, 2)) as billed_ahead_of_treatment_amount,

        -- flags
        recognised.debonded_date is null as is_in_treatment,
        recognised.debonded_date is null
            and recognised.months_since_banding > recognised.expected_treatment_months
            as is_past_expected_debond,
        recognised.is_transfer
    from recognised
    left join case_schedules
        on recognised.ortho_case_id = case_schedules.ortho_case_id
    left join billed_procedures
        on recognised.ortho_case_id = billed_procedures.ortho_case_id
)

select * from final
