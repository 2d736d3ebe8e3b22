with source as (
    select * from {{ source('opendental', 'toothinitial') }}
),

renamed as (
    select
        -- ids
        toothinitialnum as tooth_initial_id,
        {{ od_key('patnum') }} as patient_id,

        -- attributes
        {{ od_text('toothnum') }} as tooth_number,
        cast(movement as {{ type_double() }}) as movement_magnitude,
        {{ od_text('drawingsegment') }} as drawing_points,
        {{ od_text('drawtext') }} as drawing_text,
        colordraw as drawing_color_argb,

        -- codes
        initialtype as initial_type_code,
        {{ od_enum_label('toothinitial', 'InitialType', 'initialtype') }} as initial_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        {{ od_timestamp('secdatetedit') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
