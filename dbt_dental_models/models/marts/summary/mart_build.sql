{#- The build that made the marts: dbt's invocation id, the as-of date it was built for and when it
    started (run_started_at, UTC). The API puts build_id and as_of_date in every response, so a
    reader can tell which build a number came from. -#}
with

build as (
    select
        cast('{{ invocation_id }}' as varchar) as build_id,
        {{ as_of_date() }} as as_of_date,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at
),

final as (
    select
        -- ids
        build_id,

        -- dates
        as_of_date,
        built_at
    from build
)

select * from final
