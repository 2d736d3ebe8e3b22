with source as (
    select * from {{ source('opendental', 'referral') }}
),

renamed as (
    select
        -- ids
        referralnum as referral_id,
        {{ od_key('specialty') }} as specialty_definition_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('slip') }} as slip_sheetdef_id,

        -- attributes
        {{ od_text('lname') }} as l_name,
        {{ od_text('fname') }} as f_name,
        {{ od_text('mname') }} as m_name,
        {{ od_text('ssn') }} as ssn,
        {{ od_text('st') }} as st,
        {{ od_text('telephone') }} as telephone,
        {{ od_text('address') }} as address,
        {{ od_text('address2') }} as address2,
        {{ od_text('city') }} as city,
        {{ od_text('zip') }} as zip,
        {{ od_text('note') }} as note,
        {{ od_text('phone2') }} as phone2,
        {{ od_text('title') }} as title,
        {{ od_text('email') }} as e_mail,
        {{ od_text('nationalprovid') }} as national_provider_id,
        {{ od_text('businessname') }} as business_name,
        {{ od_text('displaynote') }} as display_note,

        -- flags
        {{ od_bool('usingtin') }} as is_using_tin,
        {{ od_bool('ishidden') }} as is_hidden,
        {{ od_bool('notperson') }} as is_not_person,
        {{ od_bool('isdoctor') }} as is_doctor,
        {{ od_bool('istrusteddirect') }} as is_trusted_direct,
        {{ od_bool('ispreferred') }} as is_preferred,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
