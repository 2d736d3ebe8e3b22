{{ config(indexes=api_date_index('procedure_date')) }}

with

priced_procedures as (
    select * from {{ ref('int_fee_model') }}
),

completed_procedures as (
    select * from {{ ref('int_procedure_complete') }}
),

planned_procedures as (
    select * from {{ ref('int_procedure_acceptance') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

rules_by_row as (
    {{ opendental_rules_by_row() }}
),

-- int_fee_model carries every priced procedure (all statuses it reads); production, capitation
-- write-offs and the new-patient flag exist for completed procedures only (int_procedure_complete),
-- and the appointment of a still-planned procedure comes from int_procedure_acceptance.
procedures_joined as (
    select
        priced_procedures.*,
        priced_procedures.procedure_status_code = 2 as is_complete,
        coalesce(completed_procedures.appointment_id, planned_procedures.appointment_id) as appointment_id,
        procedure_catalog.procedure_code,
        procedure_catalog.cdt_category,
        coalesce(procedure_catalog.is_hygiene, false) as is_hygiene,
        coalesce(procedure_catalog.is_broken_appointment_code, false) as is_broken_appointment_code,
        completed_procedures.production_amount as completed_production_amount,
        completed_procedures.capitation_write_off_amount as completed_capitation_write_off_amount,
        completed_procedures.is_new_patient_procedure as completed_is_new_patient_procedure,
        procedure_rules.rules_broken as opendental_rules_broken
    from priced_procedures
    left join completed_procedures
        on priced_procedures.procedure_id = completed_procedures.procedure_id
    left join planned_procedures
        on priced_procedures.procedure_id = planned_procedures.procedure_id
    left join procedure_catalog
        on priced_procedures.procedure_code_id = procedure_catalog.procedure_code_id
    left join rules_by_row as procedure_rules
        on procedure_rules.table_name = 'procedurelog'
        and priced_procedures.procedure_id = procedure_rules.row_id
),

-- Production is OpenDental's, for complete procedures only: planned, existing, referred and
-- condition rows are not work done, so they carry 0 production and 0 capitation write-off.
final as (
    select
        -- ids
        procedure_id,
        patient_id,
        provider_id,
        clinic_id,
        procedure_code_id,
        appointment_id,
        insurance_plan_id,

        -- dates
        procedure_date,

        -- attributes
        cast(procedure_status_code as integer) as procedure_status_code,
        procedure_status,
        procedure_code,
        cdt_category,
        cast(production_units as integer) as production_units,
        allowed_source,

        -- amounts
        cast(charged_fee as decimal(15, 2)) as procedure_fee,
        cast(charged_amount as decimal(15, 2)) as charged_amount,
        cast(standard_fee as decimal(15, 2)) as standard_fee,
        cast(standard_amount as decimal(15, 2)) as standard_amount,
        cast(allowed_amount as decimal(15, 2)) as allowed_amount,
        cast(
            case when is_complete then coalesce(completed_production_amount, 0) else 0 end
            as decimal(15, 2)
        ) as production_amount,
        cast(
            case when is_complete then coalesce(completed_capitation_write_off_amount, 0) else 0 end
            as decimal(15, 2)
        ) as capitation_write_off_amount,

        -- flags
        is_complete,
        is_hygiene,
        coalesce(is_complete and completed_is_new_patient_procedure, false) as is_new_patient_procedure,
        is_broken_appointment_code,

        -- data quality
        cast(opendental_rules_broken as varchar) as opendental_rules_broken
    from procedures_joined
)

select * from final
