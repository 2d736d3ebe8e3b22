with

patients as (
    select * from {{ ref('stg_opendental__patient') }}
),

-- Phone numbers as the front desk typed them; one made only of spaces is no number.
patient_phones as (
    select
        patient_id,
        guarantor_id,
        clinic_id,
        first_name,
        last_name,
        preferred_name,
        nullif(trim(home_phone), '') as home_phone,
        nullif(trim(work_phone), '') as work_phone,
        nullif(trim(mobile_phone), '') as mobile_phone,
        preferred_contact_method
    from patients
),

-- The number to dial: the one OpenDental's preferred contact method (PreferContactMethod,
-- enum ContactMethod) points to when it is a phone -- home (2), work (3), wireless (4), or text
-- message (8), which goes to the wireless phone -- else the mobile, the home, the work phone.
preferred_phones as (
    select
        *,
        coalesce(
            case preferred_contact_method
                when 'home_phone' then home_phone
                when 'work_phone' then work_phone
                when 'wireless_phone' then mobile_phone
                when 'text_message' then mobile_phone
            end,
            mobile_phone,
            home_phone,
            work_phone
        ) as preferred_phone
    from patient_phones
),

final as (
    select
        -- ids
        patient_id,
        guarantor_id,
        clinic_id,

        -- names
        first_name,
        last_name,
        preferred_name,

        -- phones
        home_phone,
        work_phone,
        mobile_phone,
        preferred_phone,

        -- preference
        preferred_contact_method,
        coalesce(preferred_contact_method = 'do_not_call', false) as is_do_not_call
    from preferred_phones
)

select * from final
