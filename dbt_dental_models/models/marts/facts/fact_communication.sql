with

communications as (
    select * from {{ ref('int_patient_communications_base') }}
),

final as (
    select
        -- ids
        communication_id,
        patient_id,
        guarantor_id,
        user_id,
        communication_type_definition_id,
        related_appointment_id,

        -- dates and times
        communication_at,
        communication_date,
        cast(communication_hour as integer) as communication_hour,
        related_appointment_at,
        cast(days_before_appointment as integer) as days_before_appointment,

        -- attributes
        communication_type,
        cast(mode_code as integer) as mode_code,
        mode,
        cast(direction_code as integer) as direction_code,
        direction,
        cast(communication_source_code as integer) as communication_source_code,
        communication_source,
        communication_origin,

        -- flags
        is_automated,
        is_outbound,
        is_inbound
    from communications
)

select * from final
