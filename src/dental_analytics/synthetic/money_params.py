"""The rates behind the money desk: payers and plan types, deposits, claim follow-up, memberships.

Kept beside `params.py` in the same style: each figure with the fact or the office routine it
stands on; where a figure is the team's assumption about a typical US general practice running
OpenDental, it says so.
"""

from __future__ import annotations

# --- Payers: OpenDental's insurance filing codes (the X12 837D claim filing indicator) -----------
# (description, eclaim code, filing code group), OpenDental's standard list as a new database
# ships it; CHIP is filed as Medicaid (state CHIP dental programs bill through Medicaid's payer
# IDs) but kept apart so the payer mix can tell it apart.
FILING_CODES = (
    ("Commercial Insurance", "CI", "Commercial"),
    ("Preferred Provider Organization (PPO)", "12", "PPO"),
    ("Indemnity Insurance", "15", "Commercial"),
    ("Dental Maintenance Organization", "17", "DHMO"),
    ("Blue Cross/Blue Shield", "BL", "PPO"),
    ("Medicaid", "MC", "Medicaid"),
    ("Children's Health Insurance Program (CHIP)", "MC", "Medicaid"),
    ("Medicare Part B", "MB", "Medicare Advantage"),
    ("Tricare (CHAMPUS)", "CH", "Tricare"),
    ("Veterans Affairs Plan", "VA", "Veterans Affairs"),
    ("Federal Employees Program", "FI", "Commercial"),
    ("Self-pay", "09", "Commercial"),
)
# Which filing codes are government programs (the payer mix's government class).
GOVERNMENT_FILING_CODES = frozenset({"MC", "MB", "CH", "VA"})
# Plans of each special kind among the practice's fee-schedule (PPO) plans: a practice that takes
# Medicaid carries its state's Medicaid and CHIP dental plans (OpenDental's "Medicaid or flat
# copay" type, paying from the state's fee schedule) and often one DHMO (capitation: the carrier
# pays per member per month). ADA HPI: ~40% of dentists take Medicaid or CHIP; this practice does.
MEDICAID_PLANS = 2
CHIP_PLANS = 1
CAPITATION_PLANS = 1
# Of the percentage (non-PPO) plans: one federal (Tricare) plan, one Medicare Advantage plan with
# dental benefits (filed under Medicare Part B's code; about half of Medicare Advantage members
# have a dental benefit, KFF 2023), one VA community care plan (the VA refers veterans to
# community dentists and pays their claims, VA Community Care Network), the rest commercial or
# indemnity.
TRICARE_PLANS = 1
MEDICARE_ADVANTAGE_PLANS = 1
VETERANS_PLANS = 1
# Capitation (DHMO): the carrier pays a fixed amount per member per month, whether or not the
# member comes in, and nothing per procedure; the patient pays the plan's copay and the office
# writes off the rest of its fee (OpenDental's CapComplete claimprocs). DHMOs pay a general
# practice about $8-15 per member per month (NADP DHMO capitation ranges; assumption: $12).
CAPITATION_PMPM = 12.0
# The check for a month comes early in that month (assumption: by the 10th), and the desk posts it
# As Total on the capitation claims (encounters) the office sent the month before, as OpenDental
# allows for capitation plans (Receive Claim: As Total; By Procedure is not offered for them).
CAPITATION_CHECK_DAY = 10
# DHMOs require encounter data: a capitation claim (ClaimType 'Cap', CapClaim lines) for every
# visit, sent for tracking; it comes back received with nothing paid.
# Out-of-network plans that publish their own allowed fees (OpenDental's allowed-fee schedule on
# a category-percentage plan): federal Tricare dental pays its percentage of the TRICARE maximum
# allowable charge, not of the office's fee. The practice keys that schedule into its PPO-style
# schedule (assumption: one schedule of contracted fees stands for both).
ALLOWED_FEE_SCHEDULE_FILING_CODES = frozenset({"CH"})
BLUE_CROSS_SHARE_OF_PPO = 0.25  # BCBS dental plans file under their own code (assumption)
INDEMNITY_SHARE_OF_PERCENTAGE = 0.3  # older indemnity plans among the percentage plans

# --- Fee overrides: OpenDental's clinic and provider fees on the office's own schedule ----------
# OpenDental lets a non-global schedule hold fees for one clinic, one provider, or one provider at
# one clinic, looked up before the schedule's default. Fees vary with an office's local costs
# (fee surveys publish them by region and ZIP code: the ADA's Survey of Dental Fees, FAIR
# Health), so a group with an office in a dearer area charges more there for the lab- and
# material-heavy work. Assumed: the unit's first office (HIGHER_COST_OFFICE, by clinic order)
# charges 10% more for its all-ceramic crowns, implants and implant crowns.
HIGHER_COST_OFFICE = 0
HIGHER_COST_CODES = ("D2740", "D6010", "D6058")
HIGHER_COST_UPLIFT = 1.10
# A dentist with advanced endodontic training (a senior partner) sets their own fee for the
# root canals they do, between a general dentist's and an endodontist's (the ADA survey's
# specialist fees for D3330 run above the general practitioners'). Assumed: the first dentist of
# the unit's second office (SENIOR_DENTIST_OFFICE), 15% above the group's fee, premolar and
# molar root canals.
SENIOR_DENTIST_OFFICE = 1
SENIOR_DENTIST_CODES = ("D3320", "D3330")
SENIOR_DENTIST_UPLIFT = 1.15
# The dentist who visits a one-dentist office a day a week from the higher-cost office
# (`offices.roam_providers`) keeps their home office's crown fee there, so a patient's crown costs
# the same whichever office the dentist sees them in (a provider-at-clinic fee). Assumed.
VISITING_DENTIST_CODES = ("D2740",)

# --- Daily close-out: deposits ------------------------------------------------------------------
# The front desk closes out each day: the day's checks and cash go on one deposit slip, card
# receipts settle as the processor's batch (two deposits per office and day). Most offices take
# the slip to the bank the same day, some the next morning (front-office routine; assumption).
DEPOSIT_NEXT_DAY_P = 0.3
# Card payment types settle in the processor's batch, not on the paper slip.
CARD_PAYMENT_TYPES = frozenset({"Credit card", "Debit card", "HSA or FSA card"})
# Payments of the last days are still waiting for the close-out on the as-of date, and a few
# older ones were missed (left off a slip, found at month-end reconciliation; assumption: one in
# five hundred).
UNDEPOSITED_RECENT_DAYS = 2
DEPOSIT_MISSED_P = 0.002

# --- Claim follow-up: claimtracking ---------------------------------------------------------------
# Clearinghouse rejections (the etrans acknowledgement 'R') are corrected and resent within days.
RESEND_DAYS = (1, 6)  # low inclusive, high exclusive
# A denied claim (answered, nothing paid) gets a denial reason and is worked: the desk calls the
# carrier, sends what was missing, and resubmits or appeals. Steps a week or two apart (billing
# guides: follow up denials within 30 days).
DENIAL_FOLLOW_UP_P = 0.9
DENIAL_STEP_DAYS = (3, 15)
DENIAL_APPEALED_P = 0.35  # of worked denials, appealed rather than corrected and resubmitted
# Claims still unanswered this long after sending get a call to the carrier (billing guides:
# follow up at 30 days), and another each month they stay out.
OUTSTANDING_FOLLOW_UP_DAYS = 30
OUTSTANDING_CALLED_P = 0.7
# Claims waiting to be sent with work carriers want images for are held for attachments (x-rays,
# narratives, perio charts): the in-process hold (OpenDental's status I). Carriers ask for them
# on crowns, bridges, implants and dentures, root canals, and scaling and root planing.
HELD_FOR_ATTACHMENTS_P = 0.6
ATTACHMENT_CATEGORIES = frozenset({"endodontics", "periodontics"})  # besides major work
# How long a held claim waits for its attachments before it goes out (whole days, uniform): the
# x-rays are on file, the narrative and perio chart take the dentist days to weeks. Assumed.
ATTACHMENT_HOLD_DAYS = (3, 22)
# Rows converted from the practice's older OpenDental version keep the retired statuses: claims
# from its first months on the current version whose answer never came back stay "probably sent"
# (P), and a few old supplemental corrections stay "adjustment" (A). Assumption.
LEGACY_MONTHS = 6
LEGACY_PROBABLY_SENT_P = 0.5  # of old secondary claims that were never paid
LEGACY_ADJUSTMENT_P = 0.3  # of old claims with a supplemental payment
# In those months the front desk still entered a checkout discount the old version's way: a
# discount split (paysplit.IsDiscount, now retired) on a payment of the converted "Discount" type,
# not an adjustment. It lowers the balance like a payment but is not income. Assumption.

# --- Insurance verification history ---------------------------------------------------------------
# Every visit of an insured patient is verified a few days ahead (records_params'
# VERIFY_DAYS_BEFORE_VISIT); OpenDental copies each verification into insverifyhist. Offices
# verify most but not all visits (assumption: busy days skip returning patients verified lately).
VERIFIED_VISIT_P = 0.85

# --- In-office membership plans (discountplan, discountplansub) -----------------------------------
# Uninsured patients who join the practice's membership plan (practices offering one enroll
# 10-25% of their uninsured patients; assumption from membership-plan vendors' reports).
MEMBERSHIP_P = 0.2
# Members renew yearly; about a quarter lapse at each renewal (assumption).
MEMBERSHIP_LAPSE_P = 0.25
# The plans: (description, annual fee, frequency limits per year: exams, x-rays, prophies,
# fluoride, perio, limited exams, periapicals); priced from the cash-discount fee schedule.
MEMBERSHIP_PLANS = (
    ("Adult membership", 349.0, (2, 1, 2, 0, 0, 1, 2)),
    ("Child membership", 249.0, (2, 1, 2, 2, 0, 1, 2)),
    ("Perio membership", 499.0, (2, 1, 0, 0, 4, 1, 2)),
)
