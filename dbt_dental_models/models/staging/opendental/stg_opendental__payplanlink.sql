with source as (
    select * from {{ source('opendental', 'payplanlink') }}
),

renamed as (
    select
        -- ids
        payplanlinknum as payment_plan_link_id,
        {{ od_key('payplannum') }} as payment_plan_id,
        {{ od_key('fkey') }} as linked_row_id,
        -- FKey points at a procedure, an adjustment or an ortho case, depending on LinkType
        case when linktype = 2 then {{ od_key('fkey') }} end as procedure_id,
        case when linktype = 1 then {{ od_key('fkey') }} end as adjustment_id,
        case when linktype = 3 then {{ od_key('fkey') }} end as ortho_case_id,

        -- amounts
        -- 0 means "no override": the plan finances the linked row's whole remaining amount.
        case when amountoverride <> 0 then {{ od_money('amountoverride') }} end as override_amount,

        -- codes
        linktype as link_type_code,
        {{ od_enum_label('payplanlink', 'LinkType', 'linktype') }} as link_type,

        -- metadata
        {{ od_timestamp('secdatetentry') }} as created_at,
        _loaded_at
    from source
)

select * from renamed
