with source as (
    select * from {{ source('opendental', 'treatplanattach') }}
),

renamed as (
    select
        -- ids
        treatplanattachnum as treatment_plan_attachment_id,
        {{ od_key('treatplannum') }} as treatment_plan_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('priority') }} as priority_definition_id,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
