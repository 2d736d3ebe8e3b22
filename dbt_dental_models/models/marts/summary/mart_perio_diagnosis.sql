with

perio_exams as (
    select * from {{ ref('int_perio_exam') }}
),

provider_months as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'exam_date') }} as date) as exam_month,
        count(*) as exam_count,
        count(distinct patient_id) as patients_charted,
        sum(case when has_deep_pockets then 1 else 0 end) as deep_pocket_exam_count,
        sum(case when has_deep_pockets and has_srp_within_window then 1 else 0 end) as srp_converted_exam_count,
        sum(probed_site_count) as probed_site_count,
        sum(deep_pocket_site_count) as deep_pocket_site_count,
        sum(bleeding_site_count) as bleeding_site_count
    from perio_exams
    where exam_date <= {{ as_of_date() }}
    group by provider_id, cast({{ dbt.date_trunc('month', 'exam_date') }} as date)
),

final as (
    select
        -- grain
        provider_id,
        exam_month,

        -- counts
        cast(exam_count as bigint) as exam_count,
        cast(patients_charted as bigint) as patients_charted,
        cast(deep_pocket_exam_count as bigint) as deep_pocket_exam_count,
        cast(srp_converted_exam_count as bigint) as srp_converted_exam_count,
        cast(probed_site_count as bigint) as probed_site_count,
        cast(deep_pocket_site_count as bigint) as deep_pocket_site_count,
        cast(bleeding_site_count as bigint) as bleeding_site_count,

        -- rates
        {{ ratio('deep_pocket_exam_count', 'exam_count') }} as perio_diagnosis_rate,
        {{ ratio('srp_converted_exam_count', 'deep_pocket_exam_count') }} as srp_conversion_rate,
        {{ ratio('bleeding_site_count', 'probed_site_count') }} as bleeding_on_probing_rate
    from provider_months
)

select * from final
