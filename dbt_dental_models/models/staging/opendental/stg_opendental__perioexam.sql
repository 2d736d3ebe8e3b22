with source as (
    select * from {{ source('opendental', 'perioexam') }}
),

renamed as (
    select
        -- ids
        perioexamnum as perio_exam_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('provnum') }} as provider_id,

        -- dates
        {{ od_date('examdate') }} as exam_date,
        {{ od_timestamp('datetmeasureedit') }} as measurements_edited_at,

        -- attributes
        {{ od_text('note') }} as note,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
