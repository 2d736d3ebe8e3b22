"""The orthodontic contracts' rates and sizes, each beside the fact it stands on.

Read by `orthodontics`; kept apart from `params` because the ortho department is a practice of
its own within the group (a visiting orthodontist, contracts, monthly visits).
"""

from __future__ import annotations

# Comprehensive treatment starts in early adolescence (AAO: most start between 10 and 14).
ORTHO_START_AGE = (10, 15)
# Share of patients seen at that age who start comprehensive treatment in the group (AAO / ADA
# HPI: roughly a quarter of US adolescents wear braces; some go to an outside orthodontist).
ORTHO_START_P = 0.1
ORTHO_CONSULT_TO_BANDING_DAYS = (21, 90)  # records, consult and contract before banding
ORTHO_TREATMENT_MONTHS = (18, 30)  # AAO: comprehensive treatment takes about two years
# Cases often run past the expected debond date (compliance, elastics): up to four months.
ORTHO_OVERRUN_DAYS = (0, 120)
# The contract: a down payment billed at banding, the rest spread over the visits, retention
# billed at debond (OpenDental's ortho case: banding, visit and debond amounts).
ORTHO_BANDING_SHARE = 0.25
ORTHO_FEE_RANGE = (0.9, 1.1)  # the fee quoted around the D8080 fee, by case difficulty
# Dental plans cover ortho at 50% to a lifetime maximum (NADP: $1,000-$2,000 typical).
ORTHO_COINSURANCE = 0.5
ORTHO_LIFETIME_MAX = (1000.0, 1500.0, 2000.0)
# The visiting orthodontist comes to each office one day a month (its weekday and week of the
# month fixed per office), and the office's ortho patients are seen that day.
ORTHO_DAY_WEEK_OF_MONTH = 2
