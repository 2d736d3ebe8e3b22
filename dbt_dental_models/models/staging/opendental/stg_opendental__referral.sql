with source as (
    select * from {{ source('opendental', 'referral') }}
),

renamed as (
    select
        -- ids
        referralnum as referral_id,
        {{ od_key('specialty') }} as specialty_definition_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('slip') }} as referral_slip_sheet_definition_id,

        -- attributes
        {{ od_text('lname') }} as last_name,
        {{ od_text('fname') }} as first_name,
        {{ od_text('mname') }} as middle_name,
        {{ od_text('title') }} as title,
        {{ od_text('businessname') }} as business_name,
        {{ od_text('ssn') }} as ssn_or_tin,
        {{ od_text('nationalprovid') }} as npi,
        {{ od_text('address') }} as address_line_1,
        {{ od_text('address2') }} as address_line_2,
        {{ od_text('city') }} as city,
        {{ od_text('st') }} as state,
        {{ od_text('zip') }} as zip_code,
        {{ od_text('telephone') }} as phone,
        {{ od_text('phone2') }} as other_phone,
        {{ od_text('email') }} as email,
        {{ od_text('note') }} as note,
        {{ od_text('displaynote') }} as display_note,

        -- flags
        {{ od_bool('usingtin') }} as is_tin,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('notperson') }} as is_not_person,
        {{ od_bool('isdoctor') }} as is_doctor,
        {{ od_bool('istrusteddirect') }} as is_trusted_for_direct_email,
        {{ od_bool('ispreferred') }} as is_preferred,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
