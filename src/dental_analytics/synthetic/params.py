"""Every rate and distribution the generator uses, each beside the fact it stands on.

One place to read what the synthetic practice is like and why. The fidelity report
(`dental generate --report`) measures the loaded warehouse against `FIDELITY_TARGETS`; the
generator's modules import the parameters below and never hold literals of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Size of one practice unit (scale 1). `--scale N` generates N units. -----------------------
# A five-office group with 7 dentists, 5 hygienists (and a visiting orthodontist) serving ~5,000 patients of record (ADA
# Health Policy Institute: a general dentist has 1,500-2,500 active patients; patients are split
# across the group). The volume figures are the reference data set's per-practice counts.
PATIENTS_PER_UNIT = 5_000
CLINICS_PER_UNIT = 5
DENTISTS_PER_CLINIC = (2, 2, 1, 1, 1)
HYGIENISTS_PER_CLINIC = (1, 1, 1, 1, 1)
# Chairs: one per provider plus a spare; the one-dentist offices a second dentist visits on
# Fridays (DENTIST_ROAMING_WEEKDAY) have a second dentist chair for the visitor.
OPERATORIES_PER_CLINIC = (4, 4, 4, 4, 3)
# Days a week each provider works, from Monday: dentists five, hygienists four (Fridays off).
DENTIST_WORKDAYS_PER_WEEK = 5
HYGIENIST_WORKDAYS_PER_WEEK = 4
FRONT_DESK_USERS_PER_CLINIC = 2
# Roaming providers: practice groups share providers between offices, so a small office gets a
# second dentist's or a hygienist's day without hiring one (group-practice staffing: providers
# covering two or three locations is the norm). The second dentist of each two-dentist office
# works Fridays in a one-dentist office; the last office's hygienist works Thursdays in the
# first office. The patients the visitor sees there are the office's share of the visitor's days
# (`patients.see_visiting_providers`), and the visitor's days there open as that book fills
# (`rosters.book_on_provider_days`), so the visiting schedule follows demand.
DENTIST_ROAMING_WEEKDAY = 4  # Friday
HYGIENIST_ROAMING_WEEKDAY = 3  # Thursday, the hygienists' last day of the week

HISTORY_YEARS = 3  # generated history ends at --as-of
FUTURE_DAYS = 91  # appointments scheduled up to three months ahead

# --- Families (US Census ACS: average family household 3.1; practices see ~2 members/family) ----
FAMILY_SIZE_P = {1: 0.50, 2: 0.22, 3: 0.14, 4: 0.10, 5: 0.04}
GUARANTOR_AGE_RANGE = (24, 82)
CHILD_AGE_RANGE = (2, 18)
FEMALE_SHARE = 0.52  # women make slightly more dental visits (MEPS)
# OpenDental PatStatus mix of a practice's patient list: mostly active patients, some inactive
# and archived after years without visits; few deceased/non-patient entries.
# Adults who give the office no email address (cell phone only): more of the oldest patients
# (Pew Research: ~1 in 10 US adults, ~1 in 4 over 65, do not use email; assumption for the split).
NO_EMAIL_P = 0.08
NO_EMAIL_SENIOR_P = 0.25
SENIOR_AGE = 65
# How patients want to be reached (practice-communication surveys: most prefer text, then email;
# a few ask not to be called, to be called at work, or for the office's note to be read first).
# The rare choices come last, so adding them moved only patients who preferred mail.
CONTACT_METHOD_P = {
    "TextMessage": 0.42,
    "Email": 0.2,
    "WirelessPh": 0.18,
    "HmPhone": 0.1,
    "None": 0.07,
    "Mail": 0.015,
    "DoNotCall": 0.007,
    "WkPhone": 0.005,
    "SeeNotes": 0.003,
}
PATIENT_STATUS_P = {
    "Patient": 0.88,
    "Inactive": 0.06,
    "Archived": 0.03,
    "NonPatient": 0.02,
    "Deceased": 0.01,
}

# --- Arrival of patients ------------------------------------------------------------------------
# Share of the patients of record already coming before the history starts; the books hold their
# last visit before it (LAST_VISIT_BEFORE_HISTORY_CODE), so their first visit in the history is
# not a new patient's and the first months show no warm-up flood. The rest arrive at an even rate, which
# gives ~15 new patients per dentist per month (ADA HPI: 10-40 is typical of a general dentist).
EXISTING_PATIENT_SHARE = 0.22
EXISTING_FIRST_VISIT_WINDOW_DAYS = 200  # existing patients' first recall in the history
NEW_ARRIVALS_AFTER_AS_OF_DAYS = 60  # new families keep arriving into the booked weeks ahead
FAMILY_ARRIVAL_SPREAD_DAYS = 21  # a family's members come within three weeks of each other
NEW_PATIENT_ENTERED_DAYS_AHEAD = 7  # a new patient calls and is entered a week before the visit
OFFICE_OPEN_DAYS_PER_WEEK = (
    5  # Monday to Friday: the front desk's days, and a twin's simulated days
)

# --- Recall and visits --------------------------------------------------------------------------
RECALL_INTERVAL_DAYS = 182  # six-month hygiene recall (OpenDental's default recall type)
RECALL_JITTER_DAYS = 21
# The patients of record when the history starts were seen before it: the books hold their last
# recall exam (D0120, by their dentist, at their office and fee schedule), some day within one
# recall interval before the first day, paid in full at the visit, so their first visit in the
# history is not a new patient's (DESIGN.md: a new patient's first completed procedure falls in
# the period). Only the exam: the books a practice converts to OpenDental carry the visit's
# procedures, and one per patient keeps procedurelog within its band (VOLUME_REASONS).
LAST_VISIT_BEFORE_HISTORY_CODE = "D0120"
RECALL_RETENTION_P = 0.70  # chance a patient comes back for the next recall (ADA: ~70-85%)
# Of the patients coming back, those who booked it at the last visit's checkout (the rest are
# booked later from the recall list). Patients who drift away, and booked visits that break,
# leave no kept next visit, so with 70% retention this gives the 55-65% hygiene reappointment
# rate practices measure (DESIGN.md KPI table; 85% is the goal).
HYGIENE_REAPPOINT_P = 0.95
# What becomes of a past appointment: ~3% no-shows and ~5% cancellations of the appointments
# booked (DESIGN.md KPI table), as OpenDental tells them apart: a broken appointment (missed or
# cancelled late) is charged a tracking code most of the time, D9986 for a no-show and D9987 for
# a late cancellation; an uncharged one was missed; a visit cancelled days ahead goes to the
# unscheduled list. 7.5% broken keeps the broken-appointment rate within 5-15%.
PAST_APPOINTMENT_STATUS_P = {"Complete": 0.915, "Broken": 0.075, "UnschedList": 0.01}
BROKEN_FEE_CODE_P = 0.8  # OpenDental's broken-appointment procedure preference charges most
NO_SHOW_SHARE_OF_BROKEN = 0.25  # of charged broken appointments, no-shows (D9986) vs D9987
# Offices delete some broken appointments outright rather than keep them on the unscheduled
# list (OpenDental allows it and keeps no row: the extractor finds it by its key). Assumed.
BROKEN_DELETED_P = 0.15
# Of the visits whose day has come, those the front desk never closes: not set complete, broken
# or sent to the unscheduled list, so the appointment stays Scheduled after its date and its
# procedures stay planned (the warehouse shows them as `not_closed` for the office to fix).
# Assumed: one visit in two hundred, a small share of a busy desk's checkouts.
LEFT_OPEN_P = 0.005
# Adults on periodontal therapy or maintenance. CDC NHANES 2009-2014 (Eke et al., J Periodontol
# 2018): 42% of adults 30+ have periodontitis, 7.8% severe; practices treat part of them, which
# makes perio visits ~25% of hygiene visits (DESIGN.md's perio share).
PERIO_PATIENT_SHARE = 0.15
# Bitewings on the ADA/FDA schedule for recall patients (Dental Radiographic Examinations:
# Recommendations for Patient Selection and Limiting Radiation Exposure, 2012): children at
# caries risk every 6-12 months (yearly here), adults without clinical caries or increased
# risk every 24-36 months (every two years here; yearly for every adult took twice the
# bitewings a practice takes, and procedurelog past its band once the patients of record got
# their last visit before the history).
BITEWING_EVERY_N_VISITS = 2  # children: yearly bitewings
ADULT_BITEWING_EVERY_N_VISITS = 4  # adults: every two years
FMX_EVERY_N_VISITS = 6  # full-mouth series every three years
PANO_INSTEAD_OF_FMX_P = 0.25  # new adults imaged with a panoramic film and bitewings instead
CHILD_FLUORIDE_P = 0.55  # topical fluoride at a child's cleaning (ADA: children at caries risk)
ADULT_FLUORIDE_P = 0.03

# --- Treatment plans and restorative visits -------------------------------------------------
TREATMENT_PLAN_P = 0.5  # an exam finds treatment (dentists diagnose more than patients accept)
TREATMENT_PLAN_SIZE_P = {1: 0.40, 2: 0.35, 3: 0.25}
# Case acceptance by the plan's fee at the standard schedule: patients take small plans and put
# off large ones (practice-management surveys: ~45% of presented treatment value accepted, most
# single fillings accepted, under a third of plans over $3,000). Upper fee edge -> chance.
TREATMENT_ACCEPTED_P_BY_FEE = {500.0: 0.8, 1_500.0: 0.52, 3_000.0: 0.32, float("inf"): 0.18}
TREATMENT_DELAY_DAYS = (10, 60)

# --- Scheduling -------------------------------------------------------------------------------
DAY_START_MINUTE = 8 * 60
DAY_END_MINUTE = 17 * 60
SLOT_MINUTES = 10
CONFIRMED_P = 0.75  # of visits in the confirmation window
# An office opens a provider day for about this share of a working day of visits booked with
# them in the month (every booking, some of which then break), and books each visit on the
# provider's next open day: practices staff to keep chairs 75-90% booked (Dental Economics /
# Levin Group utilisation benchmarks), not every chair every weekday.
PROVIDER_DAY_FILL = 0.9
CONFIRM_DAYS_AHEAD = 7

# --- Insurance ----------------------------------------------------------------------------------
# NADP: ~77% of Americans have dental benefits; practices see 55-70% of active patients insured.
INSURED_FAMILY_P = 0.64
DUAL_COVERAGE_P = 0.12  # insured families whose second adult has their own plan
# Coverage ends: a family with one plan loses it (a job ends, a Medicaid or CHIP renewal lapses)
# at this rate a year from their first visit, and is self-pay after its last covered day (the
# office enters the subscription's DateTerm). Assumed: most job changes bring a new plan, which
# the generator does not model; these are the families left without one.
COVERAGE_ENDS_PER_YEAR = 0.04
# The office learns that a plan ended when the carrier rejects the first claim after it: visits
# within this many days of the last covered day were claimed before anyone knew. Assumed.
COVERAGE_END_FOUND_DAYS = 45
# Children covered by both parents' plans who are also enrolled in their state's Medicaid or CHIP
# (disability, foster or kinship care): Medicaid pays last, so it is their tertiary coverage
# (CMS: Medicaid is the payer of last resort). Assumption: one in twenty such children.
MEDICAID_TERTIARY_P = 0.05
CARRIERS = 15
INSURANCE_PLANS = 30
PPO_PLAN_SHARE = 0.7  # PPO plans carry their own allowed-fee schedule
COVERAGE_PERCENT = {"diagnostic": 100, "preventive": 100, "basic": 80, "major": 50}
ANNUAL_MAX_CHOICES = (1000, 1500, 2000)
DEDUCTIBLE_CHOICES = (50, 75, 100)
CLAIM_SEND_DELAY_DAYS = (0, 4)
CLAIM_TURNAROUND_DAYS_MEDIAN = 21  # carriers pay clean electronic claims in 2-4 weeks
CLAIM_TURNAROUND_SIGMA = 0.45
CLAIM_DENIED_P = 0.04
CLAIM_UNDERPAID_P = 0.08
SUPPLEMENTAL_P = 0.02
SECONDARY_PAYS_P = 0.85
# Offices ask the carrier to preauthorize major work (crowns, bridges, implants, dentures) before
# doing it, for patients who want to know what insurance will pay; the carrier answers with its
# estimate in two to four weeks like a claim (assumption: a third of planned major procedures).
PREAUTH_P = 0.33
# Incentive plans raise their coinsurance with each year the member stays and sees the dentist
# (Delta Dental's incentive coinsurance: 70% -> 80% -> 90%...); OpenDental keeps such a member's
# own percentage as a benefit row on the patient's coverage (PatPlanNum) that overrides the
# plan's ("rare ... usually only used to override percentages for patients", benefit.PatPlanNum).
# Assumption: 3% of patients on commercial percentage and PPO plans, one step (+10) on basic care.
PATIENT_PERCENT_OVERRIDE_P = 0.03
PATIENT_PERCENT_OVERRIDE_STEP = 10
PATIENT_PERCENT_OVERRIDE_LEVEL = "basic"
# An EOB from an out-of-network carrier states its allowed amount; the desk keys it on the claim
# procedure as the allowed override on some (assumption: a few in a hundred, where the carrier's
# allowed amount differs from the office fee the estimate used).
ALLOWED_OVERRIDE_P = 0.05
# Carriers sometimes pay more than the office estimated: a deductible met elsewhere, or a
# frequency the estimate counted as used (billing guides; assumption: 2% of paid claims, up to the
# plan's full allowed fee).
CLAIM_PAID_OVER_ESTIMATE_P = 0.02
# EOBs that come as a scanned or photographed image (a phone photo, a TIFF from the scanner)
# rather than the carrier's PDF (assumption: a quarter of scanned EOBs).
EOB_IMAGE_P = 0.25
EOB_IMAGE_EXTENSIONS = ("jpg", "tif", "png")

# --- Patient payments ---------------------------------------------------------------------------
PAY_AT_VISIT_P = 0.85  # front desk collects the estimated patient portion at checkout
PAY_AFTER_STATEMENT_P = 0.97  # what is left is mostly paid after a statement
PAY_AFTER_STATEMENT_DAYS = (5, 50)
# Checks mailed in after a statement that the desk posts to the family's account as a whole,
# not allocated to the visits' procedures (OpenDental lets a split name no procedure; offices
# that do not auto-split post some this way). Assumption: one in ten.
UNALLOCATED_STATEMENT_PAYMENT_P = 0.1
PREPAYMENT_P = 0.03  # some patients prepay accepted treatment
PAYMENT_PLAN_THRESHOLD = 1_200.0  # patient portions above this may go on a payment plan
PAYMENT_PLAN_P = 0.35
PAYMENT_PLAN_MONTHS = (6, 12)
STATEMENT_DAY_OF_MONTH = 5
STATEMENT_REPEAT_MAX = 4  # unpaid balances get up to this many monthly statements
STATEMENT_BY_EMAIL_P = 0.45  # families who get statements by email rather than by mail
BILLING_CHARGE = 5.0  # late-statement charge on a repeat statement
BILLING_CHARGE_P = 0.5
# A simulated billing run (over the twin's ledger) leaves off families owing no more than a
# billing charge: history bills what is owed on visits and never bills a billing charge alone,
# so the generated ledger keeps such $5 balances (OpenDental's billing list has a minimum
# balance for the same purpose).
STATEMENT_MIN_BALANCE = BILLING_CHARGE
# A family that pays its balance after a repeat statement pays that statement's billing charge
# too, as its own payment split attached to the charge (OpenDental allocates a split to an
# adjustment). Assumption: most do; the rest dispute or overlook it.
BILLING_CHARGE_PAID_P = 0.7
# Printed at the desk, not by the billing run: a receipt for a payment at checkout, for the few
# who ask for one beyond the card slip (assumption: one in twelve), and an itemised invoice of a
# self-pay visit's procedures, which patients file with their HSA/FSA or medical plan
# (assumption: one in twenty-five self-pay visits).
RECEIPT_P = 0.08
SELF_PAY_INVOICE_P = 0.04

# --- Adjustments --------------------------------------------------------------------------------
DISCOUNT_P = 0.18  # a visit's patient portion gets a courtesy/senior/family discount
DISCOUNT_RATE = (0.05, 0.15)
SMALL_BALANCE_LIMIT = 10.0  # leftovers under this are written off
SMALL_BALANCE_WRITE_OFF_P = 0.6
FINANCE_CHARGE_RATE = 0.015  # monthly, on balances past 90 days
FINANCE_CHARGE_P = 0.25
BAD_DEBT_P = 0.25  # unpaid balances older than a year sent to collections and written off
# A visit the carrier paid more on than estimated, after the family paid the estimated portion,
# leaves the family a credit. At the next statement run the office refunds a credit over the
# limit by check, entered as a "Refund" adjustment (an addition that brings the account to zero;
# OpenDental also allows a negative payment); the rest stay on account for the next visit.
# Assumed.
REFUND_MIN_CREDIT = 5.0
REFUND_P = 0.7

# --- Everything else per patient ----------------------------------------------------------------
TASKS_PER_PATIENT = 0.2
PATIENT_LINK_SHARE = 0.2
REFERRAL_SOURCE_P = 0.7  # new patients who name a referral source


@dataclass(frozen=True)
class Target:
    """A fidelity target: what the loaded warehouse must measure, and where the figure comes from."""

    name: str
    low: float
    high: float
    unit: str
    source: str


FIDELITY_TARGETS: tuple[Target, ...] = (
    Target("insured share of active patients", 55, 70, "%", "NADP benefit coverage, practice mix"),
    Target("broken-appointment rate", 5, 15, "%", "practice management surveys"),
    Target(
        "collection rate, 12 months ending 90 days ago",
        97,
        100,
        "%",
        "healthy practice benchmark (98% or better, DESIGN.md)",
    ),
    Target("A/R over 90 days share of total A/R", 5, 30, "%", "healthy practice benchmark"),
    Target("hygiene share of production", 20, 35, "%", "hygiene department benchmark"),
    Target("new patients per dentist per month (last 24 months)", 10, 40, "patients", "ADA HPI"),
    # The insurance and money desk (money_params): plan types, government payers, claim
    # follow-up, the daily close-out.
    Target(
        "plan types with covered patients (percentage, PPO, flat copay, capitation)",
        4,
        4,
        "types",
        "OpenDental insplan.PlanType; practices carry all four",
    ),
    Target(
        "Medicaid and CHIP share of insured patients",
        5,
        25,
        "%",
        "ADA HPI: Medicaid/CHIP cover ~1 in 3 children, fewer adults; a participating practice",
    ),
    Target(
        "subscriptions that took effect in the last 12 months",
        2,
        20,
        "%",
        "plans new patients bring, some newly started (assumed)",
    ),
    Target(
        "subscriptions in force a year ago that ended since",
        1,
        10,
        "%",
        "plans lost with a job or a lapsed Medicaid renewal and not replaced (COVERAGE_ENDS_PER_"
        "YEAR, assumed)",
    ),
    Target(
        "claims resent after a clearinghouse rejection",
        1,
        5,
        "%",
        "clearinghouses' first-pass acceptance of 95-99%",
    ),
    Target(
        "denials older than 30 days followed up (claim tracking)",
        80,
        100,
        "%",
        "billing guides: work every denial within 30 days",
    ),
    Target(
        "claim statuses beyond U/H/W/S/R in use (I, A, P)",
        3,
        3,
        "statuses",
        "OpenDental ClaimStatus: in-process holds; retired A and P on old rows",
    ),
    Target(
        "slip payments older than 2 days not on a deposit",
        0,
        1,
        "%",
        "daily close-out: every day's checks and cash deposited",
    ),
    Target(
        "chair utilisation of dentists",
        75,
        90,
        "%",
        "DESIGN.md KPI table: booked / scheduled provider minutes, 75-90% in a busy practice",
    ),
    Target("chair utilisation of hygienists", 75, 90, "%", "DESIGN.md KPI table, as above"),
    Target(
        "hygiene reappointment rate",
        55,
        65,
        "%",
        "DESIGN.md KPI table: hygiene patients leaving with the next visit booked, 50-65% typical",
    ),
    Target("no-show rate", 2, 4, "%", "DESIGN.md KPI table: ~3% of appointments"),
    Target("cancellation rate", 4, 6, "%", "DESIGN.md KPI table: ~5% of appointments"),
    # A practice whose books start on a given day already has its patients: their last visits
    # before it are in the books, so by DESIGN.md's definition (first completed procedure in the
    # period) the first half-year shows the practice's usual intake of new families, not a flood
    # of everyone coming back for their first visit in the books.
    Target(
        "new patients per quarter, first two quarters of history vs the last four",
        0.7,
        1.3,
        "x",
        "a warm practice: intake steady from the first day of the books",
    ),
)
# The clinical figures (DESIGN.md's KPI table): case acceptance by value ~45% typical; perio
# maintenance and SRP ~25% of hygiene visits; accepted plans signed as consent (assumption: most).
CASE_ACCEPTANCE = Target(
    "case acceptance (value of diagnosed treatment accepted)", 40, 50, "%", "DESIGN.md KPI table"
)
PERIO_SHARE = Target("perio share of hygiene visits", 20, 30, "%", "DESIGN.md KPI table")
PLANS_SIGNED = Target(
    "accepted saved treatment plans signed", 80, 100, "%", "informed consent before treatment"
)
FIDELITY_TARGETS += (CASE_ACCEPTANCE, PERIO_SHARE, PLANS_SIGNED)
# The insurance desk (claims.py): coordination of benefits and capitation, as OpenDental keeps them.
FIDELITY_TARGETS += (
    Target(
        "paid primary claims of dual-covered patients followed by a secondary claim",
        95,
        100,
        "%",
        "coordination of benefits: OpenDental's secondary claim goes out once the primary's EOB "
        "is entered (measured on primaries answered 30+ days ago)",
    ),
    Target(
        "capitation patients' completed procedures kept as CapComplete",
        95,
        100,
        "%",
        "OpenDental claimproc.Status 7: a capitation plan's procedures are written off to the "
        "copay, never billed per procedure",
    ),
)

# --- Volumes per practice unit (scale 1) of the reference data set --------------------------------
# The practice's size must land within 10%; transactions within half to twice the figure, where
# the consistency rules and fidelity targets above win. REASONS says why a figure differs.
PRACTICE_SIZE = {
    "patient": 5_000,
    "provider": 13,  # 7 dentists, 5 hygienists and the visiting orthodontist
    "clinic": 5,
    "procedurecode": 200,
    "definition": 500,
    "fee": 600,
    "feesched": 3,
    "carrier": 15,
    "insplan": 30,
}
TRANSACTION_VOLUMES = {
    "appointment": 15_000,
    "procedurelog": 20_000,
    "adjustment": 2_000,
    "inssub": 2_000,
    "patplan": 3_500,
    "claim": 8_000,
    "claimproc": 25_000,
    "claimpayment": 5_000,
    "payment": 12_000,
    "paysplit": 15_000,
    "commlog": 8_000,
    "recall": 3_000,
    "patientnote": 5_000,
    "patientlink": 1_000,
    "document": 5_000,
    "sheet": 2_000,
    "task": 1_000,
}
VOLUME_REASONS = {
    "recall": "one recall per patient of record who has had a cleaning or has their first one "
    "booked (~85% of 5,000)",
    "procedurelog": "a recall visit completes an exam, a cleaning and periodic radiographs "
    "(~2.8 procedures), hygiene patients leave with their next cleaning booked (60% "
    "reappointment), ortho patients come monthly, and planned treatment stays on the books; "
    "each patient of record seen in the history also has the exam of their last visit before "
    "it (one procedure, ~1,000), made room for by adults' bitewings every two years (ADA/FDA)",
    "adjustment": "membership plans post their discount as an adjustment at every member's visit",
    "payment": "fully covered preventive visits of insured patients leave nothing to pay",
    "inssub": "one subscriber per insured family (64% of ~2,400 families) plus dual coverage",
    "appointment": "recall retention of 70% per cycle keeps procedures within twice their figure",
    "commlog": "every automated reminder, confirmation request and thank-you since the practice "
    "turned automated messaging on leaves an entry, beside the front desk's own",
}
