with source as (
    select * from {{ source('opendental', 'labcase') }}
),

renamed as (
    select
        -- ids
        labcasenum as lab_case_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('laboratorynum') }} as laboratory_id,
        {{ od_key('aptnum') }} as appointment_id,
        {{ od_key('plannedaptnum') }} as planned_appointment_id,
        {{ od_key('provnum') }} as provider_id,

        -- dates
        {{ od_timestamp('datetimedue') }} as due_at,
        {{ od_timestamp('datetimecreated') }} as created_at,
        {{ od_timestamp('datetimesent') }} as sent_at,
        {{ od_timestamp('datetimerecd') }} as received_at,
        {{ od_timestamp('datetimechecked') }} as checked_at,

        -- amounts
        {{ od_money('labfee') }} as lab_fee_amount,

        -- attributes
        {{ od_text('instructions') }} as instructions,
        {{ od_text('invoicenum') }} as invoice_number,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
