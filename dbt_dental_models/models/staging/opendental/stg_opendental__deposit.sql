with source as (
    select * from {{ source('opendental', 'deposit') }}
),

renamed as (
    select
        -- ids
        depositnum as deposit_id,
        {{ od_key('depositaccountnum') }} as deposit_account_id,

        -- dates
        {{ od_date('datedeposit') }} as deposit_date,

        -- amounts
        {{ od_money('amount') }} as deposit_amount,

        -- attributes
        {{ od_text('bankaccountinfo') }} as bank_account_info,
        {{ od_text('memo') }} as memo,
        {{ od_text('batch') }} as batch,

        -- flags
        {{ od_bool('issenttoquickbooksonline') }} as is_sent_to_quickbooks_online,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
