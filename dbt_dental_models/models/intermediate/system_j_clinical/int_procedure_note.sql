with

procedures as (
    select * from {{ ref('stg_opendental__procedurelog') }}
),

procedure_notes as (
    select * from {{ ref('stg_opendental__procnote') }}
),

group_items as (
    select * from {{ ref('stg_opendental__procgroupitem') }}
),

procedure_catalog as (
    select * from {{ ref('int_procedure_catalog') }}
),

-- A procedure in a group note is documented by the group's note (on the group's procedure).
documented_by as (
    select
        procedures.procedure_id,
        coalesce(group_items.group_note_procedure_id, procedures.procedure_id) as note_procedure_id
    from procedures
    left join group_items
        on procedures.procedure_id = group_items.procedure_id
    where procedures.procedure_status_code = 2
),

-- OpenDental adds a row for each edit: the latest row is the current note.
numbered_notes as (
    select
        procedure_id,
        entered_at,
        is_signed,
        row_number() over (
            partition by procedure_id order by entered_at desc, procedure_note_id desc
        ) as newest_first,
        count(*) over (partition by procedure_id) as note_version_count,
        min(entered_at) over (partition by procedure_id) as first_entered_at
    from procedure_notes
),

current_notes as (
    select * from numbered_notes where newest_first = 1
),

final as (
    select
        -- ids
        procedures.procedure_id,
        procedures.patient_id,
        procedures.provider_id,
        procedures.clinic_id,
        procedures.procedure_code_id,
        documented_by.note_procedure_id,

        -- dates
        procedures.procedure_date,
        current_notes.first_entered_at as note_first_entered_at,
        current_notes.entered_at as note_entered_at,

        -- attributes
        procedure_catalog.procedure_code,
        coalesce(current_notes.note_version_count, 0) as note_version_count,
        case
            when current_notes.first_entered_at is not null
                then {{ dbt.datediff('procedures.procedure_date', 'current_notes.first_entered_at', 'day') }}
        end as days_to_note,

        -- flags
        (current_notes.procedure_id is not null) as has_note,
        coalesce(current_notes.is_signed, false) as has_signed_note,
        (documented_by.note_procedure_id <> procedures.procedure_id) as is_group_note
    from procedures
    inner join documented_by
        on procedures.procedure_id = documented_by.procedure_id
    left join current_notes
        on documented_by.note_procedure_id = current_notes.procedure_id
    left join procedure_catalog
        on procedures.procedure_code_id = procedure_catalog.procedure_code_id
    -- a broken-appointment charge is a fee, not clinical work: it needs no note
    where coalesce(procedure_catalog.procedure_code, '') not in ({{ broken_appointment_code_list() }})
)

select * from final
