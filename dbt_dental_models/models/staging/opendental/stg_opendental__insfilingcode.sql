with source as (
    select * from {{ source('opendental', 'insfilingcode') }}
),

renamed as (
    select
        -- ids
        insfilingcodenum as insurance_filing_code_id,
        {{ od_key('grouptype') }} as filing_code_group_definition_id,

        -- attributes
        {{ od_text('descript') }} as filing_code_description,
        {{ od_text('eclaimcode') }} as eclaim_code,
        itemorder as item_order,

        -- flags
        {{ od_bool('excludeothercoverageonpriclaims') }} as excludes_other_coverage_on_primary_claims,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
