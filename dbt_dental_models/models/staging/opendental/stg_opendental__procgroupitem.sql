with source as (
    select * from {{ source('opendental', 'procgroupitem') }}
),

renamed as (
    select
        -- ids
        procgroupitemnum as procedure_group_item_id,
        {{ od_key('procnum') }} as procedure_id,
        {{ od_key('groupnum') }} as group_note_procedure_id,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
