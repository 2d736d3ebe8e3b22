with

patient_contacts as (
    select * from {{ ref('int_patient_contact') }}
),

-- "Last, First" as OpenDental's patient lists show it; either name alone when the other is
-- empty.
listed_names as (
    select
        *,
        case
            when last_name is not null and first_name is not null
                then {{ dbt.concat(["last_name", "', '", "first_name"]) }}
            else coalesce(last_name, first_name)
        end as listed_name
    from patient_contacts
),

-- The name the patient goes by, in parentheses, when it is set and is not their first name.
named_patients as (
    select
        *,
        case
            when preferred_name is null
                or lower(preferred_name) = lower(coalesce(first_name, ''))
                then listed_name
            when listed_name is null
                then preferred_name
            else {{ dbt.concat(["listed_name", "' ('", "preferred_name", "')'"]) }}
        end as patient_name
    from listed_names
),

final as (
    select
        -- ids
        patient_id,
        guarantor_id,
        clinic_id,

        -- name
        patient_name,

        -- phones
        preferred_phone,
        mobile_phone,
        home_phone,

        -- preference
        preferred_contact_method,
        is_do_not_call
    from named_patients
)

select * from final
