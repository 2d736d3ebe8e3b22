with load_status as (
    select * from {{ source('etl', 'etl_load_status') }}
),

successful_loads as (
    select
        table_name,
        finished_at,
        rows_written,
        watermark,
        as_of_date,
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
        sum(case when status = 'failed' then 1 else 0 end) as failed_loads
    from load_status
    group by table_name
),

final as (
    select
        load_counts.table_name,
        last_success.finished_at as last_success_at,
        last_success.rows_written as last_success_rows,
        last_success.watermark as last_success_watermark_at,
        last_success.as_of_date as last_success_as_of_date,
        {{ dbt.datediff('last_success.watermark', 'last_success.as_of_date', 'day') }}
            as data_lag_days,
        last_failure.finished_at as last_failure_at,
        last_failure.error as last_failure_error,
        load_counts.loads,
        load_counts.failed_loads,
        case
            when last_success.finished_at is null then 'never_loaded'
            when last_failure.finished_at > last_success.finished_at then 'failing'
            else 'ok'
        end as load_state
    from load_counts
    left join last_success on last_success.table_name = load_counts.table_name
    left join last_failure on last_failure.table_name = load_counts.table_name
)

select * from final
