{#- What could be recovered is part of what was lost: never negative, never more than the amount
    lost, and never on more items than were lost. One row per month and category that breaks it. -#}
select
    month_start_date,
    revenue_lost_category,
    amount_lost,
    recovery_potential_amount,
    item_count,
    recoverable_item_count
from {{ ref('mart_revenue_lost') }}
where recovery_potential_amount < 0
    or recovery_potential_amount > greatest(amount_lost, 0)
    or recoverable_item_count > item_count
