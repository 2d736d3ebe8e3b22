with

adjustments as (
    select * from {{ ref('stg_opendental__adjustment') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

adjustment_type_classes as (
    select * from {{ ref('adjustment_type_classes') }}
),

rules_by_row as (
    {{ opendental_rules_by_row() }}
),

-- Adjustment types are the practice's AdjTypes definitions (DefCat 1).
adjustment_types as (
    select
        definition_id as adjustment_type_definition_id,
        item_name as adjustment_type_name,
        item_value as adjustment_type_value
    from definitions
    where category_code = 1
),

final as (
    select
        -- ids
        adjustments.adjustment_id,
        adjustments.patient_id,
        adjustments.provider_id,
        adjustments.clinic_id,
        adjustments.procedure_id,
        adjustments.adjustment_type_definition_id,

        -- dates
        adjustments.adjustment_date,
        adjustments.procedure_date,

        -- attributes
        adjustment_types.adjustment_type_name,
        adjustment_types.adjustment_type_value,
        coalesce(adjustment_type_classes.adjustment_class, 'other') as adjustment_class,

        -- amounts
        adjustments.adjustment_amount,

        -- flags
        (adjustment_type_classes.adjustment_class is not null) as is_type_classified,
        (adjustments.procedure_id is not null) as is_attached_to_procedure,

        -- data quality
        adjustment_rules.rules_broken as opendental_rules_broken
    from adjustments
    left join adjustment_types
        on adjustments.adjustment_type_definition_id = adjustment_types.adjustment_type_definition_id
    left join adjustment_type_classes
        on adjustment_types.adjustment_type_name = adjustment_type_classes.adjustment_type_name
    left join rules_by_row as adjustment_rules
        on adjustment_rules.table_name = 'adjustment'
        and adjustments.adjustment_id = adjustment_rules.row_id
)

select * from final
