with

procedures as (
    select * from {{ ref('int_procedure_note') }}
),

provider_months as (
    select
        provider_id,
        cast({{ dbt.date_trunc('month', 'procedure_date') }} as date) as procedure_month,
        count(*) as completed_procedure_count,
        sum(case when has_note then 1 else 0 end) as noted_procedure_count,
        sum(case when has_signed_note then 1 else 0 end) as signed_note_procedure_count,
        sum(case when has_note and not has_signed_note then 1 else 0 end) as unsigned_note_procedure_count,
        sum(case when note_version_count > 1 then 1 else 0 end) as edited_note_procedure_count,
        sum(case when days_to_note > 0 then 1 else 0 end) as late_note_procedure_count
    from procedures
    where procedure_date <= {{ as_of_date() }}
    group by provider_id, cast({{ dbt.date_trunc('month', 'procedure_date') }} as date)
),

final as (
    select
        -- grain
        provider_id,
        procedure_month,

        -- counts
        cast(completed_procedure_count as bigint) as completed_procedure_count,
        cast(noted_procedure_count as bigint) as noted_procedure_count,
        cast(signed_note_procedure_count as bigint) as signed_note_procedure_count,
        cast(unsigned_note_procedure_count as bigint) as unsigned_note_procedure_count,
        cast(edited_note_procedure_count as bigint) as edited_note_procedure_count,
        cast(late_note_procedure_count as bigint) as late_note_procedure_count,

        -- rates
        {{ ratio('signed_note_procedure_count', 'completed_procedure_count') }} as note_completeness_rate,
        {{ ratio('noted_procedure_count', 'completed_procedure_count') }} as noted_rate
    from provider_months
)

select * from final
