with source as (
    select * from {{ source('opendental', 'disease') }}
),

renamed as (
    select
        -- ids
        diseasenum as patient_problem_id,
        {{ od_key('patnum') }} as patient_id,
        {{ od_key('diseasedefnum') }} as problem_definition_id,

        -- dates
        {{ od_date('datestart') }} as start_date,
        {{ od_date('datestop') }} as stop_date,

        -- attributes
        {{ od_text('patnote') }} as patient_note,
        {{ od_text('snomedproblemtype') }} as snomed_problem_type,

        -- codes
        probstatus as problem_status_code,
        {{ od_enum_label('disease', 'ProbStatus', 'probstatus') }} as problem_status,
        functionstatus as function_status_code,
        {{ od_enum_label('disease', 'FunctionStatus', 'functionstatus') }} as function_status,

        -- metadata
        {{ od_timestamp('datetstamp') }} as updated_at,
        _loaded_at
    from source
)

select * from renamed
