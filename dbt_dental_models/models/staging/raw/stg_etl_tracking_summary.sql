with load_status as (
    select * from {{ source('etl', 'etl_load_status') }}
),

loads_newest_first as (
    select
        table_name,
        status,
        row_number() over (partition by table_name order by finished_at desc) as recency
    from load_status
),

newest_load as (
    select * from loads_newest_first where recency = 1
),

successful_loads as (
    -- A row without a strategy was written before the load log gained the extractor's columns,
    -- when the generator was the only loader: it replaced the table, so every row it wrote was
    -- inserted and none updated or deleted (what the generator records today). Its watermark
    -- before stays unknown.
    select
        table_name,
        finished_at,
        rows_written,
        watermark,
        as_of_date,
        coalesce(strategy, 'replace') as strategy,
        watermark_before,
        case when strategy is null then rows_written else rows_inserted end as rows_inserted,
        case when strategy is null then 0 else rows_updated end as rows_updated,
        case when strategy is null then 0 else rows_deleted end as rows_deleted,
        row_number() over (partition by table_name order by finished_at desc) as recency
    from load_status
    where status = 'success'
),

last_success as (
    select * from successful_loads where recency = 1
),

failed_loads as (
    select
        table_name,
        finished_at,
        error,
        row_number() over (partition by table_name order by finished_at desc) as recency
    from load_status
    where status = 'failed'
),

last_failure as (
    select * from failed_loads where recency = 1
),

load_counts as (
    select
        table_name,
        count(*) as loads,
        sum(case when status = 'failed' then 1 else 0 end) as failed_loads,
        sum(case when status = 'skipped' then 1 else 0 end) as skipped_loads
    from load_status
    group by table_name
),

final as (
    select
        load_counts.table_name,
        last_success.finished_at as last_success_at,
        last_success.strategy as last_success_strategy,
        last_success.rows_written as last_success_rows,
        last_success.rows_inserted as last_success_rows_inserted,
        last_success.rows_updated as last_success_rows_updated,
        last_success.rows_deleted as last_success_rows_deleted,
        last_success.watermark_before as last_success_watermark_before_at,
        last_success.watermark as last_success_watermark_at,
        last_success.as_of_date as last_success_as_of_date,
        {{ dbt.datediff('last_success.watermark', 'last_success.as_of_date', 'day') }}
            as data_lag_days,
        last_failure.finished_at as last_failure_at,
        last_failure.error as last_failure_error,
        load_counts.loads,
        load_counts.failed_loads,
        load_counts.skipped_loads,
        case
            when newest_load.status = 'skipped' then 'skipped'
            when last_success.finished_at is null and load_counts.skipped_loads = 0
                then 'never_loaded'
            when newest_load.status = 'failed' then 'failing'
            else 'ok'
        end as load_state
    from load_counts
    left join newest_load on newest_load.table_name = load_counts.table_name
    left join last_success on last_success.table_name = load_counts.table_name
    left join last_failure on last_failure.table_name = load_counts.table_name
)

select * from final
