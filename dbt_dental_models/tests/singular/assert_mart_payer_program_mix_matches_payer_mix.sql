{#- mart_payer_program_mix and mart_payer_mix split the same amounts two ways: each month's
    production, patient income, insurance income and write-offs summed over the payer programs
    equal the same sums over the payer classes. Returns each month where a total differs, or that
    only one side has. -#}
with

program_months as (
    select
        report_month,
        sum(production_amount) as production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(write_off_amount) as write_off_amount
    from {{ ref('mart_payer_program_mix') }}
    group by report_month
),

class_months as (
    select
        report_month,
        sum(production_amount) as production_amount,
        sum(patient_income_amount) as patient_income_amount,
        sum(insurance_income_amount) as insurance_income_amount,
        sum(write_off_amount) as write_off_amount
    from {{ ref('mart_payer_mix') }}
    group by report_month
),

final as (
    select
        coalesce(program_months.report_month, class_months.report_month) as report_month,
        program_months.production_amount as program_production_amount,
        class_months.production_amount as class_production_amount,
        program_months.patient_income_amount as program_patient_income_amount,
        class_months.patient_income_amount as class_patient_income_amount,
        program_months.insurance_income_amount as program_insurance_income_amount,
        class_months.insurance_income_amount as class_insurance_income_amount,
        program_months.write_off_amount as program_write_off_amount,
        class_months.write_off_amount as class_write_off_amount
    from program_months
    full outer join class_months
        on program_months.report_month = class_months.report_month
)

select *
from final
where program_production_amount is null
    or class_production_amount is null
    or program_production_amount <> class_production_amount
    or program_patient_income_amount <> class_patient_income_amount
    or program_insurance_income_amount <> class_insurance_income_amount
    or program_write_off_amount <> class_write_off_amount
