with source as (
    select * from {{ source('opendental', 'providerclinic') }}
),

renamed as (
    select
        -- ids
        providerclinicnum as provider_clinic_id,
        {{ od_key('provnum') }} as provider_id,
        {{ od_key('clinicnum') }} as clinic_id,

        -- attributes
        {{ od_text('deanum') }} as dea_number,
        {{ od_text('statelicense') }} as state_license_number,
        {{ od_text('staterxid') }} as state_rx_id,
        {{ od_text('statewherelicensed') }} as state_where_licensed,
        {{ od_text('carecreditmerchantid') }} as care_credit_merchant_id,

        -- metadata
        _loaded_at
    from source
)

select * from renamed
