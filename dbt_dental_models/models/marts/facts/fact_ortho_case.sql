with

ortho_cases as (
    select * from {{ ref('int_ortho_cases') }}
),

final as (
    select
        -- grain
        cast(ortho_case_id as bigint) as ortho_case_id,

        -- ids
        cast(patient_id as bigint) as patient_id,
        cast(provider_id as bigint) as provider_id,
        cast(clinic_id as bigint) as clinic_id,

        -- dates
        cast(banding_date as date) as banding_date,
        cast(expected_debond_date as date) as expected_debond_date,
        cast(debond_date as date) as debond_date,
        cast(last_visit_date as date) as last_visit_date,

        -- contract
        cast(contract_fee_amount as decimal(15, 2)) as contract_fee_amount,
        cast(primary_insurance_portion_amount as decimal(15, 2)) as primary_insurance_portion_amount,
        cast(secondary_insurance_portion_amount as decimal(15, 2)) as secondary_insurance_portion_amount,
        cast(patient_portion_amount as decimal(15, 2)) as patient_portion_amount,
        cast(visit_amount as decimal(15, 2)) as visit_amount,

        -- progress
        cast(expected_treatment_months as integer) as expected_treatment_months,
        cast(months_since_banding as integer) as months_since_banding,
        cast(completed_visit_count as bigint) as completed_visit_count,
        cast(recognised_to_date_amount as decimal(15, 2)) as recognised_to_date_amount,
        cast(billed_to_date_amount as decimal(15, 2)) as billed_to_date_amount,
        cast(remaining_to_bill_amount as decimal(15, 2)) as remaining_to_bill_amount,
        cast(billed_ahead_of_treatment_amount as decimal(15, 2)) as billed_ahead_of_treatment_amount,

        -- flags
        cast(is_in_treatment as boolean) as is_in_treatment,
        cast(is_past_expected_debond as boolean) as is_past_expected_debond
    from ortho_cases
)

select * from final
