with source as (
    select * from {{ source('opendental', 'periomeasure') }}
),

renamed as (
    select
        -- ids
        periomeasurenum as perio_measure_id,
        {{ od_key('perioexamnum') }} as perio_exam_id,

        -- attributes (OpenDental's blank site, -1, becomes null)
        inttooth as tooth_number,
        nullif(toothvalue, -1) as tooth_value,
        nullif(mbvalue, -1) as mesiobuccal_value,
        nullif(bvalue, -1) as buccal_value,
        nullif(dbvalue, -1) as distobuccal_value,
        nullif(mlvalue, -1) as mesiolingual_value,
        nullif(lvalue, -1) as lingual_value,
        nullif(dlvalue, -1) as distolingual_value,

        -- codes
        sequencetype as sequence_type_code,
        {{ od_enum_label('periomeasure', 'SequenceType', 'sequencetype') }} as sequence_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
