with

procedure_codes as (
    select * from {{ ref('stg_opendental__procedurecode') }}
),

cdt_categories as (
    select * from {{ ref('cdt_code_categories') }}
),

definitions as (
    select * from {{ ref('stg_opendental__definition') }}
),

-- A CDT code is `D` and four digits; the seed's ranges are inclusive and compare as text,
-- which orders `D`-and-four-digit codes the same way as their numbers.
codes_with_cdt_category as (
    select
        procedure_codes.procedure_code_id,
        cdt_categories.category as cdt_category
    from procedure_codes
    inner join cdt_categories
        on procedure_codes.procedure_code >= cdt_categories.range_start
        and procedure_codes.procedure_code <= cdt_categories.range_end
        and length(procedure_codes.procedure_code) = 5
),

final as (
    select
        -- ids
        procedure_codes.procedure_code_id,
        procedure_codes.procedure_category_definition_id,

        -- attributes
        procedure_codes.procedure_code,
        procedure_codes.description,
        procedure_codes.abbreviation,
        procedure_codes.layman_term,
        coalesce(codes_with_cdt_category.cdt_category, 'other') as cdt_category,
        category_definitions.item_name as procedure_category_name,
        procedure_codes.treatment_area,
        procedure_codes.base_units,

        -- flags
        (codes_with_cdt_category.cdt_category is not null) as is_cdt_code,
        procedure_codes.procedure_code in ({{ broken_appointment_code_list() }}) as is_broken_appointment_code,
        procedure_codes.is_hygiene,
        procedure_codes.is_prosthesis,
        procedure_codes.is_radiology,
        procedure_codes.is_not_billed_to_insurance
    from procedure_codes
    left join codes_with_cdt_category
        on procedure_codes.procedure_code_id = codes_with_cdt_category.procedure_code_id
    left join definitions as category_definitions
        on procedure_codes.procedure_category_definition_id = category_definitions.definition_id
)

select * from final
