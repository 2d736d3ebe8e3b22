{#- What each broken-appointment code says happened (var broken_appointment_procedure_codes). -#}
{%- set broken_codes = var('broken_appointment_procedure_codes') -%}

with

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

final as (
    select
        -- ids
        procedure_code_id,

        -- attributes
        procedure_code,
        description,
        abbreviation,
        layman_term,
        cdt_category,
        procedure_category_name,
        treatment_area,
        base_units,
        case procedure_code
            {%- for code, meaning in broken_codes.items() %}
            when '{{ code }}' then '{{ meaning }}'
            {%- endfor %}
        end as broken_appointment_type,

        -- flags
        is_cdt_code,
        is_broken_appointment_code,
        is_hygiene,
        is_prosthesis,
        is_radiology,
        is_not_billed_to_insurance
    from procedure_catalog
)

select * from final
