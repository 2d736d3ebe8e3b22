"""The rates behind the front office: staff and the time clock, texts and emails, patient fields.

Kept beside `params.py` and `records_params.py` in the same style: each figure with the fact or
the office routine it stands on; where a figure is the team's assumption about a typical US
general practice running OpenDental, it says so.
"""

from __future__ import annotations

# --- Staff (employee) ---------------------------------------------------------------------------
# Each clinic's team beside its providers: the front desk (one employee per front-desk login), a
# chairside assistant per dentist, an assistant who turns over the hygiene rooms, the office
# manager; the unit's billing coordinator works from its first clinic. Hygienists are providers
# and hourly employees too, so they clock in (assumption: ADA surveys put a general practice at
# about four to five staff per dentist, hygienists included).
HYGIENE_ASSISTANTS_PER_CLINIC = 1
OFFICE_MANAGERS_PER_CLINIC = 1
BILLING_COORDINATORS_PER_UNIT = 1
# Yearly turnover: the share of a position's holders who leave in a year. Dental assistants and
# front-desk staff turn over fastest (DANB and ADA HPI surveys report 25-40% a year for
# assistants); managers and billing staff stay longer; hygienists are the unit's providers, who
# stay through the history.
TURNOVER_PER_YEAR = {
    "front_desk": 0.3,
    "assistant": 0.35,
    "hygiene_assistant": 0.35,
    "office_manager": 0.1,
    "billing": 0.15,
    "hygienist": 0.0,
}
# Days a position stays open between one holder leaving and the next starting (assumption).
VACANCY_DAYS = (5, 30)  # low inclusive, high exclusive

# --- Staff schedules (schedule rows of SchedType Employee) ---------------------------------------
# The office manager posts the staff schedule four weeks ahead (assumption: dental offices
# publish staff schedules two to four weeks out); each shift starts as early as anyone clocks in
# (CLOCK_IN_EARLY_MINUTES before the first patient) and runs the eight-hour day plus the lunch
# hour, a half day of leave the morning's four hours. Hygienists' hours are their provider
# schedules. Days off on the timecard are taken off the schedule.
STAFF_SCHEDULE_AHEAD_DAYS = 28
STAFF_LUNCH_MINUTES = 60
STAFF_SCHEDULED_ROLES = (
    "front_desk",
    "assistant",
    "hygiene_assistant",
    "office_manager",
    "billing",
)

# --- Time clock (clockevent) --------------------------------------------------------------------
# The office is open 8 to 5 with a lunch hour at noon (params.DAY_START_MINUTE, DAY_END_MINUTE);
# staff clock in a few minutes before the first patient and clock out when the last one leaves
# (assumption).
CLOCK_IN_EARLY_MINUTES = (0, 10)  # low inclusive, high exclusive
LUNCH_START_MINUTE = 12 * 60
LUNCH_LATE_MINUTES = (0, 8)  # lunch starts up to this late, when a patient runs over
LUNCH_MINUTES = (55, 66)  # an hour, give or take
# Worked minutes short of the eight-hour day in a week without overtime: people leave a little
# early when the day ends early (assumption).
SHORT_DAY_MINUTES = (0, 12)
# Paid rest breaks: some afternoons a 10-15 minute break on the clock (Oregon requires a paid
# 10-minute break per four hours; offices record some of them; assumption).
BREAK_P = 0.35
BREAK_MINUTES = (10, 16)
# Days with a manual adjustment the manager enters on the clock event (an errand off the clock,
# work before clocking in), a quarter hour either way (assumption).
CLOCK_ADJUST_P = 0.01
# Staff who clock in from home for a remote-work day: billing only, a day a week (assumption).
BILLING_HOME_DAY_P = 0.2

# --- Texts and emails (smstomobile, smsfrommobile, emailmessage, confirmationrequest) -----------
# OpenDental's Integrated Texting charges per 160-character part (US rate, assumption); each
# clinic texts from its own number.
SMS_CHARGE_PER_PART_USD = 0.04
SMS_PART_CHARS = 160
# The front desk texts and emails patients from OpenDental, so each text or email commlog entry
# the desk made is a message in OpenDental's tables (assumption: the practice uses Integrated
# Texting and OpenDental's email throughout the history).
# A confirmed visit whose request went by email or was not answered by text was confirmed through
# the link in the message, this many minutes after it went out (assumption).
LINK_CONFIRM_MINUTES = (10, 24 * 60)
# Of the delivered requests for visits that were later broken or cancelled, the share the patient
# answered "can't make it" or asked for a call back (assumption).
NEGATIVE_RSVP_P = 0.3
CALLBACK_RSVP_P = 0.15
# Texts delivered but never confirmed by the carrier (DeliveryUnconf; assumption).
DELIVERY_UNCONFIRMED_P = 0.02

# --- Patient fields (patfielddef, patfield) -----------------------------------------------------
# The practice's own fields on the patient's record, as many offices set them up: name, type,
# pick-list values, and the share of patients with a value (assumption). CareCredit status is
# recorded by OpenDental's CareCredit integration for patients who applied.
PATIENT_FIELDS = (
    ("Preferred contact time", "PickList", ("Morning", "Lunchtime", "Afternoon", "Evening"), 0.35),
    ("CareCredit status", "CareCreditStatus", ("Approved", "Declined", "Pending"), 0.06),
    ("School", "Text", ("Lincoln High", "Roosevelt Middle", "Cedar Elementary", "PSU"), 0.12),
    ("Anxious patient", "Checkbox", ("1",), 0.08),
    ("Referral thank-you sent", "Date", (), 0.1),
    ("Ortho consult offered", "Checkbox", ("1",), 0.05),
    ("Former practice", "Text", ("Smile Dental", "Family Dentistry", "Downtown Dental"), 0.15),
)
# The school is asked of children only, CareCredit of adults only.
# A field the office stopped using and hid, still on older patients' records (assumption).
HIDDEN_PATIENT_FIELD = ("Newsletter", "Checkbox", ("1",), 0.05)

# --- Expected volumes (scale 1) -----------------------------------------------------------------
# What the rates above give a unit of five clinics and ~5,000 patients, kept so a change of rate
# that moves a volume a lot is noticed (tests/unit/synthetic/test_front_office.py).
FRONT_OFFICE_VOLUMES = {
    "employee": 55,  # 33 positions, and ~20 people who replaced others over three years
    "clockevent": 55_000,  # ~30 people at work x ~700 working days x 2.35 stretches a day
    # the automation's texts of its four months, and the front desk's texts of three years
    "smstomobile": 7_000,
    "smsfrommobile": 630,  # text replies the commlog records
    "emailmessage": 1_700,
    "confirmationrequest": 1_150,  # ~1,150 visits in the four automated months
    "patfielddef": 8,
    "patfield": 3_800,  # ~0.9 fields per patient seen
}
