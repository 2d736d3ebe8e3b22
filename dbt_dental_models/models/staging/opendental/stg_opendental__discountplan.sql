with source as (
    select * from {{ source('opendental', 'discountplan') }}
),

renamed as (
    select
        -- ids
        discountplannum as discount_plan_id,
        {{ od_key('feeschednum') }} as fee_schedule_id,
        {{ od_key('defnum') }} as adjustment_type_definition_id,

        -- amounts
        -- -1 is OpenDental's "no annual maximum".
        case when annualmax >= 0 then {{ od_money('annualmax') }} end as annual_max_amount,

        -- attributes
        {{ od_text('description') }} as discount_plan_name,
        {{ od_text('plannote') }} as plan_note,
        examfreqlimit as exam_frequency_limit,
        xrayfreqlimit as xray_frequency_limit,
        prophyfreqlimit as prophy_frequency_limit,
        fluoridefreqlimit as fluoride_frequency_limit,
        periofreqlimit as perio_frequency_limit,
        limitedexamfreqlimit as limited_exam_frequency_limit,
        pafreqlimit as periapical_frequency_limit,

        -- flags
        {{ od_bool('ishidden') }} as is_hidden,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
