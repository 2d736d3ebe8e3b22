with

perio_exams as (
    select * from {{ ref('stg_opendental__perioexam') }}
),

perio_measures as (
    select * from {{ ref('stg_opendental__periomeasure') }}
),

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

-- Probing rows (SequenceType 4): six sites a tooth, a blank site null.
probing_sites as (
    select perio_exam_id, mesiobuccal_value as depth_mm from perio_measures where sequence_type_code = 4
    union all
    select perio_exam_id, buccal_value from perio_measures where sequence_type_code = 4
    union all
    select perio_exam_id, distobuccal_value from perio_measures where sequence_type_code = 4
    union all
    select perio_exam_id, mesiolingual_value from perio_measures where sequence_type_code = 4
    union all
    select perio_exam_id, lingual_value from perio_measures where sequence_type_code = 4
    union all
    select perio_exam_id, distolingual_value from perio_measures where sequence_type_code = 4
),

exam_depths as (
    select
        perio_exam_id,
        count(depth_mm) as probed_site_count,
        max(depth_mm) as deepest_pocket_mm,
        sum(case when depth_mm >= 4 then 1 else 0 end) as pocket_4mm_site_count,
        sum(case when depth_mm >= {{ var('perio_pocket_depth_mm') }} then 1 else 0 end) as deep_pocket_site_count
    from probing_sites
    group by perio_exam_id
),

-- Bleeding rows (SequenceType 6) hold OpenDental's BleedingFlags per site; bit 1 is blood.
bleeding_teeth as (
    select
        perio_exam_id,
        sum(
            case when mod(coalesce(mesiobuccal_value, 0), 2) = 1 then 1 else 0 end
            + case when mod(coalesce(buccal_value, 0), 2) = 1 then 1 else 0 end
            + case when mod(coalesce(distobuccal_value, 0), 2) = 1 then 1 else 0 end
            + case when mod(coalesce(mesiolingual_value, 0), 2) = 1 then 1 else 0 end
            + case when mod(coalesce(lingual_value, 0), 2) = 1 then 1 else 0 end
            + case when mod(coalesce(distolingual_value, 0), 2) = 1 then 1 else 0 end
        ) as bleeding_site_count
    from perio_measures
    where sequence_type_code = 6
    group by perio_exam_id
),

srp_procedures as (
    select
        procedures.patient_id,
        procedures.procedure_date
    from procedures
    inner join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    where procedures.procedure_status_code = 2
        and procedure_catalog.procedure_code in (
            {%- for code in var('srp_procedure_codes') %}
            '{{ code }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
),

-- The first SRP on the exam day or within var('srp_conversion_window_days') after it.
exam_srp as (
    select
        perio_exams.perio_exam_id,
        min(srp_procedures.procedure_date) as srp_date
    from perio_exams
    inner join srp_procedures
        on perio_exams.patient_id = srp_procedures.patient_id
        and srp_procedures.procedure_date >= perio_exams.exam_date
        and srp_procedures.procedure_date
            <= {{ dbt.dateadd('day', var('srp_conversion_window_days'), 'perio_exams.exam_date') }}
    group by perio_exams.perio_exam_id
),

final as (
    select
        -- ids
        perio_exams.perio_exam_id,
        perio_exams.patient_id,
        perio_exams.provider_id,

        -- dates
        perio_exams.exam_date,
        cast(exam_srp.srp_date as date) as srp_date,

        -- measures
        coalesce(exam_depths.probed_site_count, 0) as probed_site_count,
        exam_depths.deepest_pocket_mm,
        coalesce(exam_depths.pocket_4mm_site_count, 0) as pocket_4mm_site_count,
        coalesce(exam_depths.deep_pocket_site_count, 0) as deep_pocket_site_count,
        coalesce(bleeding_teeth.bleeding_site_count, 0) as bleeding_site_count,

        -- flags
        coalesce(exam_depths.deepest_pocket_mm >= {{ var('perio_pocket_depth_mm') }}, false)
            as has_deep_pockets,
        (exam_srp.srp_date is not null) as has_srp_within_window
    from perio_exams
    left join exam_depths
        on perio_exams.perio_exam_id = exam_depths.perio_exam_id
    left join bleeding_teeth
        on perio_exams.perio_exam_id = bleeding_teeth.perio_exam_id
    left join exam_srp
        on perio_exams.perio_exam_id = exam_srp.perio_exam_id
)

select * from final
