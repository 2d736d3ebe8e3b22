with source as (
    select * from {{ source('opendental', 'discountplansub') }}
),

renamed as (
    select
        -- ids
        discountsubnum as discount_plan_subscription_id,
        {{ od_key('discountplannum') }} as discount_plan_id,
        {{ od_key('patnum') }} as patient_id,

        -- dates
        {{ od_date('dateeffective') }} as effective_date,
        {{ od_date('dateterm') }} as term_date,

        -- attributes
        {{ od_text('subnote') }} as subscription_note,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
