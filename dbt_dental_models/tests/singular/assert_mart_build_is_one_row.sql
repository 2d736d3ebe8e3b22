{#- mart_build describes the one build that made the marts: exactly one row. Returns the row count
    when it is anything else. -#}
select count(*) as build_rows
from {{ ref('mart_build') }}
having count(*) <> 1
