"""The practice's OpenDental definitions: the configurable lists in the `definition` table.

About 500 items across all 56 DefCat categories, the way a US general practice's database looks
after years of use: the lists the generator draws from (adjustment, payment, billing and commlog
types, confirmation and recall statuses, image categories, ...), the fixed color slots OpenDental
keeps, and a few hidden rows left in retired categories by upgrades from old versions. Every name
was written by the team. `value` follows OpenDental's use of ItemValue where the category has one:
'+', '-' or 'dp' for adjustment types, 'E', 'C' or 'CE' for billing types, 'N' for payment types
left off the deposit slip, usage letters for image categories, a commlog usage code, an
abbreviation for confirmation and recall statuses, 'D' or 'R' for task priorities, days
suppressed for claim tracking, comma-separated procedure codes for quick-add lists. Colors are
.NET ARGB ints, as OpenDental stores them.

Items are listed by DefCat code and numbered in tuple order, so each category's items keep the
order written here (OpenDental's ItemOrder).
"""

from __future__ import annotations

from dataclasses import dataclass

from dental_analytics.opendental.schema import Enum, table


def _def_cat() -> Enum:
    enum = table("definition").enum("Category")
    if enum is None:
        raise LookupError("definition.Category has no enum in the schema")
    return enum


DEF_CAT = _def_cat()


@dataclass(frozen=True)
class DefinitionSpec:
    """One row of the `definition` table; `category` is the DefCat value name."""

    category: str
    name: str
    value: str = ""
    color: int = 0
    hidden: bool = False

    @property
    def category_code(self) -> int:
        """The DefCat code OpenDental stores in `definition.Category`."""
        return DEF_CAT.code(self.category)


def _rgb(red: int, green: int, blue: int) -> int:
    """An opaque color as .NET's Color.ToArgb() gives it: a signed 32-bit int."""
    return (0xFF << 24 | red << 16 | green << 8 | blue) - (1 << 32)


_d = DefinitionSpec

WHITE = _rgb(255, 255, 255)
BLACK = _rgb(0, 0, 0)

# category, name, value, color, hidden
DEFINITIONS: tuple[DefinitionSpec, ...] = (
    # AccountColors: fixed slots, text colors of the Account module's rows
    _d("AccountColors", "Default text", "", BLACK),
    _d("AccountColors", "Baseline row", "", _rgb(0, 0, 192)),
    _d("AccountColors", "Procedure charge", "", BLACK),
    _d("AccountColors", "Adjustment", "", _rgb(128, 0, 128)),
    _d("AccountColors", "Patient payment", "", _rgb(192, 0, 0)),
    _d("AccountColors", "Insurance claim", "", _rgb(0, 0, 128)),
    _d("AccountColors", "Insurance payment", "", _rgb(0, 128, 0)),
    _d("AccountColors", "Statement sent", "", _rgb(128, 64, 0)),
    _d("AccountColors", "Payment plan", "", _rgb(96, 96, 96)),
    _d("AccountColors", "Pre-authorization", "", _rgb(0, 128, 128)),
    # AdjTypes: '+' raises the balance, '-' lowers it, 'dp' is a discount plan
    _d("AdjTypes", "Senior discount", "-"),
    _d("AdjTypes", "Family discount", "-"),
    _d("AdjTypes", "Professional courtesy", "-"),
    _d("AdjTypes", "Cash payment discount", "-"),
    _d("AdjTypes", "Military discount", "-"),
    _d("AdjTypes", "Employee discount", "-"),
    _d("AdjTypes", "New patient special", "-"),
    _d("AdjTypes", "Treatment plan discount", "-"),
    _d("AdjTypes", "In-office membership plan", "dp"),
    _d("AdjTypes", "Bad debt write-off", "-"),
    _d("AdjTypes", "Small balance write-off", "-"),
    _d("AdjTypes", "Insurance write-off adjustment", "-"),
    _d("AdjTypes", "Insurance denial write-off", "-"),
    _d("AdjTypes", "Courtesy write-off", "-"),
    _d("AdjTypes", "Charity care", "-"),
    _d("AdjTypes", "Redo under warranty", "-"),
    _d("AdjTypes", "Deceased patient write-off", "-"),
    _d("AdjTypes", "Correction, decrease", "-"),
    _d("AdjTypes", "Refund", "+"),
    _d("AdjTypes", "Finance charge", "+"),
    _d("AdjTypes", "Billing charge", "+"),
    _d("AdjTypes", "Late fee", "+"),
    _d("AdjTypes", "Missed appointment fee", "+"),
    _d("AdjTypes", "Returned check fee", "+"),
    _d("AdjTypes", "Collection agency fee", "+"),
    _d("AdjTypes", "Sales tax", "+"),
    _d("AdjTypes", "Lab fee pass-through", "+"),
    _d("AdjTypes", "Correction, increase", "+"),
    # A capitation carrier's monthly payment, charged to the carrier's account for its check to
    # pay (claims.post_capitation_check).
    _d("AdjTypes", "Capitation income", "+"),
    _d("AdjTypes", "Conversion balance", "+", hidden=True),
    _d("AdjTypes", "Old courtesy adjustment", "-", hidden=True),
    # ApptConfirmed: value is the abbreviation shown on the appointment
    _d("ApptConfirmed", "Not called", "NotCall", WHITE),
    _d("ApptConfirmed", "Unconfirmed", "Unconf", _rgb(255, 255, 192)),
    _d("ApptConfirmed", "Texted", "Txt", _rgb(255, 224, 160)),
    _d("ApptConfirmed", "Left message", "LM", _rgb(255, 192, 96)),
    _d("ApptConfirmed", "Confirmed", "Conf", _rgb(128, 224, 128)),
    _d("ApptConfirmed", "Emailed", "Eml", _rgb(255, 208, 128)),
    _d("ApptConfirmed", "Wrong number", "BadNum", _rgb(255, 128, 128)),
    _d("ApptConfirmed", "Confirmed by text", "ConfTxt", _rgb(144, 238, 144)),
    _d("ApptConfirmed", "Confirmed by email", "ConfEml", _rgb(152, 251, 152)),
    _d("ApptConfirmed", "Arrived", "Arr", _rgb(135, 206, 250)),
    _d("ApptConfirmed", "Ready to go back", "Ready", _rgb(100, 149, 237)),
    _d("ApptConfirmed", "In chair", "Seated", _rgb(186, 85, 211)),
    _d("ApptConfirmed", "Checked out", "Done", _rgb(192, 192, 192)),
    # ApptProcsQuickAdd: value is the procedure codes added, comma-separated
    _d("ApptProcsQuickAdd", "Adult recall", "D0120,D1110,D0274"),
    _d("ApptProcsQuickAdd", "Adult recall, no x-rays", "D0120,D1110"),
    _d("ApptProcsQuickAdd", "Child recall", "D0120,D1120,D1206"),
    _d("ApptProcsQuickAdd", "Child recall with bitewings", "D0120,D1120,D1206,D0272"),
    _d("ApptProcsQuickAdd", "New patient adult", "D0150,D0210,D1110"),
    _d("ApptProcsQuickAdd", "New patient child", "D0150,D0272,D1120,D1206"),
    _d("ApptProcsQuickAdd", "Perio maintenance", "D0120,D4910"),
    _d("ApptProcsQuickAdd", "Perio maintenance with bitewings", "D0120,D4910,D0274"),
    _d("ApptProcsQuickAdd", "Emergency exam", "D0140,D0220"),
    _d("ApptProcsQuickAdd", "Deep cleaning, all four quadrants", "D4341,D4341,D4341,D4341"),
    _d("ApptProcsQuickAdd", "Full-mouth debridement", "D4355"),
    _d("ApptProcsQuickAdd", "Panoramic x-ray", "D0330"),
    _d("ApptProcsQuickAdd", "Crown prep with buildup", "D2740,D2950"),
    _d("ApptProcsQuickAdd", "Night guard", "D9944"),
    _d("ApptProcsQuickAdd", "Whitening trays", "D9975,D9975"),
    _d("ApptProcsQuickAdd", "Implant consult", "D0140,D0367"),
    # BillingTypes: E e-mailed statements, C sent to collections, CE excluded from collections
    _d("BillingTypes", "Standard account"),
    _d("BillingTypes", "E-bill statements", "E"),
    _d("BillingTypes", "Insurance only"),
    _d("BillingTypes", "Payment plan"),
    _d("BillingTypes", "Staff and family"),
    _d("BillingTypes", "Collections", "C"),
    _d("BillingTypes", "Collections on hold", "CE"),
    _d("BillingTypes", "Bad debt"),
    # ClaimFormats, DunningMessages, FeeSchedNamesOld, MedicalNotes, OperatoriesOld: retired
    # categories; rows an upgrade from an old version left behind, hidden
    _d("ClaimFormats", "ADA 2000 form (old)", hidden=True),
    _d("ClaimFormats", "UB-92 form (old)", hidden=True),
    _d("DunningMessages", "Past due 60 days (old)", hidden=True),
    _d("DunningMessages", "Past due 90 days (old)", hidden=True),
    _d("FeeSchedNamesOld", "Office fees (old)", hidden=True),
    _d("FeeSchedNamesOld", "PPO fees (old)", hidden=True),
    _d("FeeSchedNamesOld", "Medicaid fees (old)", hidden=True),
    _d("MedicalNotes", "Premedicate (old)", hidden=True),
    _d("MedicalNotes", "Latex allergy (old)", hidden=True),
    _d("OperatoriesOld", "Op 1 (old)", hidden=True),
    _d("OperatoriesOld", "Op 2 (old)", hidden=True),
    _d("OperatoriesOld", "Hyg 1 (old)", hidden=True),
    _d("OperatoriesOld", "Hyg 2 (old)", hidden=True),
    # PaymentTypes: 'N' leaves the type off the deposit slip
    _d("PaymentTypes", "Check"),
    _d("PaymentTypes", "Cash"),
    _d("PaymentTypes", "Credit card"),
    _d("PaymentTypes", "Debit card"),
    _d("PaymentTypes", "Care credit", "N"),
    _d("PaymentTypes", "Online payment", "N"),
    _d("PaymentTypes", "HSA or FSA card"),
    _d("PaymentTypes", "Recurring card charge", "N"),
    _d("PaymentTypes", "Third-party financing", "N"),
    _d("PaymentTypes", "Money order"),
    _d("PaymentTypes", "Gift certificate", "N"),
    _d("PaymentTypes", "Old card terminal", hidden=True),
    _d("PaymentTypes", "Discount (converted)", "N", hidden=True),
    # ProcCodeCats: one per CDT category, in the practice's words (PROC_CODE_CATS maps them)
    _d("ProcCodeCats", "Exams & Xrays"),
    _d("ProcCodeCats", "Cleanings"),
    _d("ProcCodeCats", "Fillings & Crowns"),
    _d("ProcCodeCats", "Endo"),
    _d("ProcCodeCats", "Perio"),
    _d("ProcCodeCats", "Dentures"),
    _d("ProcCodeCats", "Maxillofacial"),
    _d("ProcCodeCats", "Implants"),
    _d("ProcCodeCats", "Bridges"),
    _d("ProcCodeCats", "Oral Surgery"),
    _d("ProcCodeCats", "Ortho"),
    _d("ProcCodeCats", "Misc"),
    _d("ProcCodeCats", "Obsolete", hidden=True),
    # ProgNoteColors: fixed slots, text and background of progress-note rows
    _d("ProgNoteColors", "Treatment planned text", "", _rgb(192, 0, 0)),
    _d("ProgNoteColors", "Treatment planned background", "", WHITE),
    _d("ProgNoteColors", "Complete text", "", _rgb(0, 0, 192)),
    _d("ProgNoteColors", "Complete background", "", WHITE),
    _d("ProgNoteColors", "Existing, this provider, text", "", _rgb(0, 128, 0)),
    _d("ProgNoteColors", "Existing, this provider, background", "", WHITE),
    _d("ProgNoteColors", "Existing, other provider, text", "", _rgb(0, 96, 0)),
    _d("ProgNoteColors", "Existing, other provider, background", "", WHITE),
    _d("ProgNoteColors", "Referred out text", "", _rgb(128, 64, 0)),
    _d("ProgNoteColors", "Referred out background", "", WHITE),
    _d("ProgNoteColors", "Condition text", "", _rgb(96, 96, 96)),
    _d("ProgNoteColors", "Condition background", "", WHITE),
    _d("ProgNoteColors", "Commlog text", "", _rgb(0, 0, 128)),
    _d("ProgNoteColors", "Commlog background", "", _rgb(240, 248, 255)),
    _d("ProgNoteColors", "Prescription text", "", _rgb(128, 0, 128)),
    _d("ProgNoteColors", "Prescription background", "", WHITE),
    _d("ProgNoteColors", "Task text", "", _rgb(139, 69, 19)),
    _d("ProgNoteColors", "Task background", "", WHITE),
    _d("ProgNoteColors", "Email text", "", _rgb(0, 100, 100)),
    _d("ProgNoteColors", "Email background", "", WHITE),
    _d("ProgNoteColors", "Lab case text", "", _rgb(75, 0, 130)),
    _d("ProgNoteColors", "Lab case background", "", WHITE),
    _d("ProgNoteColors", "Form text", "", BLACK),
    _d("ProgNoteColors", "Form background", "", _rgb(255, 250, 230)),
    _d("ProgNoteColors", "Appointment text", "", BLACK),
    _d("ProgNoteColors", "Appointment background", "", _rgb(230, 240, 255)),
    # RecallUnschedStatus: value is an abbreviation of at most 7 characters
    _d("RecallUnschedStatus", "Left message", "LM"),
    _d("RecallUnschedStatus", "Texted", "Txt"),
    _d("RecallUnschedStatus", "Emailed", "Eml"),
    _d("RecallUnschedStatus", "Texted and emailed", "TxtEml"),
    _d("RecallUnschedStatus", "Mailed postcard", "Mailed"),
    _d("RecallUnschedStatus", "No answer", "NoAns"),
    _d("RecallUnschedStatus", "Will call back", "WillCal"),
    _d("RecallUnschedStatus", "Waiting on insurance", "WaitIns"),
    _d("RecallUnschedStatus", "Financial hold", "FinHold"),
    _d("RecallUnschedStatus", "Wrong number", "BadNum"),
    _d("RecallUnschedStatus", "Mail returned", "RetMail"),
    _d("RecallUnschedStatus", "Seeing another dentist", "OthDDS"),
    _d("RecallUnschedStatus", "Moved away", "Moved"),
    _d("RecallUnschedStatus", "Do not contact", "NoCont"),
    _d("RecallUnschedStatus", "Deceased", "Deceasd"),
    # ServiceNotes, DiscountTypes, ApptPhoneNotes: retired categories, hidden leftovers
    _d("ServiceNotes", "Service note (old)", hidden=True),
    _d("DiscountTypes", "Senior 10% (old)", "10", hidden=True),
    _d("DiscountTypes", "Family 5% (old)", "5", hidden=True),
    _d("DiscountTypes", "Staff 50% (old)", "50", hidden=True),
    # Diagnosis: value is the 1 or 2 letter abbreviation shown in progress notes
    _d("Diagnosis", "Decay", "D"),
    _d("Diagnosis", "Recurrent decay", "RD"),
    _d("Diagnosis", "Fractured tooth", "FX"),
    _d("Diagnosis", "Cracked tooth", "CT"),
    _d("Diagnosis", "Failing restoration", "FR"),
    _d("Diagnosis", "Abscess", "AB"),
    _d("Diagnosis", "Periapical lesion", "PL"),
    _d("Diagnosis", "Irreversible pulpitis", "IP"),
    _d("Diagnosis", "Reversible pulpitis", "RP"),
    _d("Diagnosis", "Necrotic pulp", "NP"),
    _d("Diagnosis", "Gingivitis", "G"),
    _d("Diagnosis", "Periodontitis", "P"),
    _d("Diagnosis", "Missing tooth", "M"),
    _d("Diagnosis", "Impacted tooth", "I"),
    _d("Diagnosis", "Grinding", "B"),
    _d("Diagnosis", "Wear", "W"),
    _d("Diagnosis", "Acid erosion", "ER"),
    _d("Diagnosis", "Sensitivity", "S"),
    _d("Diagnosis", "Cosmetic concern", "E"),
    # AppointmentColors: fixed slots of the Appointments module
    _d("AppointmentColors", "Provider working time", "", WHITE),
    _d("AppointmentColors", "Open time", "", _rgb(255, 255, 240)),
    _d("AppointmentColors", "Closed time", "", _rgb(211, 211, 211)),
    _d("AppointmentColors", "Holiday", "", _rgb(255, 182, 193)),
    _d("AppointmentColors", "Blockout", "", _rgb(173, 216, 230)),
    _d("AppointmentColors", "Completed appointment", "", _rgb(192, 192, 192)),
    _d("AppointmentColors", "Broken appointment", "", _rgb(255, 99, 71)),
    _d("AppointmentColors", "Patient note", "", _rgb(255, 255, 153)),
    _d("AppointmentColors", "Planned appointment", "", _rgb(224, 255, 255)),
    _d("AppointmentColors", "Web-scheduled appointment", "", _rgb(204, 255, 204)),
    _d("AppointmentColors", "ASAP appointment", "", _rgb(255, 165, 0)),
    _d("AppointmentColors", "Time bar", "", _rgb(255, 0, 0)),
    # ImageCats: usage letters, X chart, P patient picture, S statements, T tooth chart,
    # R treatment plans, F patient forms, L portal, C claim attachments, N claim responses,
    # A payment plans, B lab cases, M thumbnails
    _d("ImageCats", "Bitewings", "XM"),
    _d("ImageCats", "Full mouth series", "XM"),
    _d("ImageCats", "Periapicals", "X"),
    _d("ImageCats", "Panoramic", "X"),
    _d("ImageCats", "3D scans", "X"),
    _d("ImageCats", "Intraoral photos", "XL"),
    _d("ImageCats", "Patient picture", "P"),
    _d("ImageCats", "Treatment plans", "RL"),
    _d("ImageCats", "Statements", "S"),
    _d("ImageCats", "Tooth charts", "T"),
    _d("ImageCats", "Insurance cards and ID"),
    _d("ImageCats", "Consent forms", "F"),
    _d("ImageCats", "Medical history", "F"),
    _d("ImageCats", "Claim attachments", "C"),
    _d("ImageCats", "EOBs", "N"),
    _d("ImageCats", "Payment plans", "A"),
    _d("ImageCats", "Lab slips", "B"),
    _d("ImageCats", "Referral letters"),
    _d("ImageCats", "Misc"),
    # ApptPhoneNotes: retired category, hidden leftover
    _d("ApptPhoneNotes", "Phone note (old)", hidden=True),
    # TxPriorities: short names, in order of urgency
    _d("TxPriorities", "Urgent", "", _rgb(255, 0, 0)),
    _d("TxPriorities", "Next", "", _rgb(255, 140, 0)),
    _d("TxPriorities", "Soon", "", _rgb(218, 165, 32)),
    _d("TxPriorities", "Later", "", _rgb(0, 128, 0)),
    _d("TxPriorities", "Watch", "", _rgb(0, 0, 255)),
    _d("TxPriorities", "Elect", "", _rgb(128, 128, 128)),
    # MiscColors: fixed slots, in OpenDental's order
    _d("MiscColors", "Family module insurance coverage", "", _rgb(230, 230, 250)),
    _d("MiscColors", "Perio bleeding", "", _rgb(255, 0, 0)),
    _d("MiscColors", "Perio suppuration", "", _rgb(255, 215, 0)),
    _d("MiscColors", "Chart module medical alert", "", _rgb(255, 0, 0)),
    _d("MiscColors", "Perio plaque", "", _rgb(0, 128, 255)),
    _d("MiscColors", "Perio calculus", "", _rgb(0, 128, 0)),
    _d("MiscColors", "Chart today's procedures", "", _rgb(255, 255, 204)),
    _d("MiscColors", "Appointment-related commlog", "", _rgb(0, 0, 160)),
    _d("MiscColors", "Family module referral", "", _rgb(240, 255, 240)),
    _d("MiscColors", "Family module emergency contact", "", _rgb(255, 228, 225)),
    _d("MiscColors", "Family module patient restriction", "", _rgb(255, 160, 122)),
    _d("MiscColors", "Main window border", "", _rgb(34, 64, 112)),
    _d("MiscColors", "Main window border outline", "", _rgb(16, 32, 64)),
    _d("MiscColors", "Main window border text", "", WHITE),
    # ChartGraphicColors: fixed slots of the graphical tooth chart
    _d("ChartGraphicColors", "Treatment planned, light", "", _rgb(255, 128, 128)),
    _d("ChartGraphicColors", "Complete, light", "", _rgb(128, 128, 255)),
    _d("ChartGraphicColors", "Existing this provider, light", "", _rgb(128, 200, 128)),
    _d("ChartGraphicColors", "Existing other provider, light", "", _rgb(160, 200, 160)),
    _d("ChartGraphicColors", "Referred out, light", "", _rgb(230, 180, 120)),
    _d("ChartGraphicColors", "Condition, light", "", _rgb(200, 200, 200)),
    _d("ChartGraphicColors", "Treatment planned, dark", "", _rgb(192, 0, 0)),
    _d("ChartGraphicColors", "Complete, dark", "", _rgb(0, 0, 160)),
    _d("ChartGraphicColors", "Existing this provider, dark", "", _rgb(0, 112, 0)),
    _d("ChartGraphicColors", "Existing other provider, dark", "", _rgb(64, 112, 64)),
    _d("ChartGraphicColors", "Referred out, dark", "", _rgb(160, 82, 45)),
    _d("ChartGraphicColors", "Condition, dark", "", _rgb(96, 96, 96)),
    _d("ChartGraphicColors", "Watch", "", _rgb(255, 140, 0)),
    # ContactCategories
    _d("ContactCategories", "Dental labs"),
    _d("ContactCategories", "Specialists"),
    _d("ContactCategories", "Physicians"),
    _d("ContactCategories", "Hospitals"),
    _d("ContactCategories", "Pharmacies"),
    _d("ContactCategories", "Suppliers"),
    _d("ContactCategories", "Insurance reps"),
    _d("ContactCategories", "IT and phones"),
    _d("ContactCategories", "Building and maintenance"),
    _d("ContactCategories", "Accountant and legal"),
    _d("ContactCategories", "Staffing agencies"),
    _d("ContactCategories", "Schools"),
    # LetterMergeCats
    _d("LetterMergeCats", "Recall letters"),
    _d("LetterMergeCats", "Welcome letters"),
    _d("LetterMergeCats", "Collection letters"),
    _d("LetterMergeCats", "Referral thank-yous"),
    _d("LetterMergeCats", "Treatment follow-up"),
    _d("LetterMergeCats", "Insurance letters"),
    _d("LetterMergeCats", "Birthday cards"),
    # BlockoutTypes: flags NS (do not schedule over), DC (do not cut or copy)
    _d("BlockoutTypes", "Lunch", "NS", _rgb(211, 211, 211)),
    _d("BlockoutTypes", "Staff meeting", "NS", _rgb(192, 192, 192)),
    _d("BlockoutTypes", "Doctor out", "NS", _rgb(255, 182, 193)),
    _d("BlockoutTypes", "Hygienist out", "NS", _rgb(255, 218, 185)),
    _d("BlockoutTypes", "Office closed", "NS,DC", _rgb(169, 169, 169)),
    _d("BlockoutTypes", "Emergency slot", "", _rgb(255, 99, 71)),
    _d("BlockoutTypes", "New patient slot", "", _rgb(144, 238, 144)),
    _d("BlockoutTypes", "Crown and bridge slot", "", _rgb(135, 206, 250)),
    _d("BlockoutTypes", "High production", "", _rgb(255, 215, 0)),
    _d("BlockoutTypes", "Perio slot", "", _rgb(221, 160, 221)),
    # ProcButtonCats: groups of Chart-module buttons
    _d("ProcButtonCats", "Quick buttons"),
    _d("ProcButtonCats", "Exams & x-rays"),
    _d("ProcButtonCats", "Hygiene"),
    _d("ProcButtonCats", "Fillings"),
    _d("ProcButtonCats", "Crowns"),
    _d("ProcButtonCats", "Endo"),
    _d("ProcButtonCats", "Perio"),
    _d("ProcButtonCats", "Surgery"),
    _d("ProcButtonCats", "Prosthetics"),
    _d("ProcButtonCats", "Implants"),
    _d("ProcButtonCats", "Ortho"),
    _d("ProcButtonCats", "Cosmetic"),
    _d("ProcButtonCats", "Pediatric"),
    # CommLogTypes: value is the usage OpenDental uses to pick a type for automatic entries
    _d("CommLogTypes", "Appointment related", "APPT"),
    _d("CommLogTypes", "Financial", "FIN"),
    _d("CommLogTypes", "Recall", "RECALL"),
    _d("CommLogTypes", "Misc", "MISC"),
    _d("CommLogTypes", "Text and email", "TEXT"),
    _d("CommLogTypes", "Reactivation", "REACT"),
    _d("CommLogTypes", "Insurance", "", _rgb(0, 0, 160)),
    _d("CommLogTypes", "Insurance verification"),
    _d("CommLogTypes", "Treatment plan follow-up", "", _rgb(0, 128, 0)),
    _d("CommLogTypes", "Collections call", "", _rgb(192, 0, 0)),
    _d("CommLogTypes", "Referral"),
    _d("CommLogTypes", "Post-op call"),
    _d("CommLogTypes", "Patient concern", "", _rgb(255, 140, 0)),
    _d("CommLogTypes", "Web form"),
    _d("CommLogTypes", "Web Sched"),
    _d("CommLogTypes", "Lab case"),
    # SupplyCats
    _d("SupplyCats", "Anesthetic"),
    _d("SupplyCats", "Impression materials"),
    _d("SupplyCats", "Impression trays"),
    _d("SupplyCats", "Composite and bonding"),
    _d("SupplyCats", "Cements"),
    _d("SupplyCats", "Endo files and materials"),
    _d("SupplyCats", "Burs and diamonds"),
    _d("SupplyCats", "Infection control"),
    _d("SupplyCats", "Gloves and masks"),
    _d("SupplyCats", "Hygiene supplies"),
    _d("SupplyCats", "Surgical supplies"),
    _d("SupplyCats", "Implant components"),
    _d("SupplyCats", "Denture materials"),
    _d("SupplyCats", "Ortho supplies"),
    _d("SupplyCats", "Whitening supplies"),
    _d("SupplyCats", "Lab supplies"),
    _d("SupplyCats", "Office supplies"),
    # PaySplitUnearnedType: 'X' keeps the prepayment off the account's running balance
    _d("PaySplitUnearnedType", "Prepayment"),
    _d("PaySplitUnearnedType", "Treatment plan prepayment", "X"),
    _d("PaySplitUnearnedType", "Ortho contract prepayment"),
    # Prognosis
    _d("Prognosis", "Good"),
    _d("Prognosis", "Fair"),
    _d("Prognosis", "Guarded"),
    _d("Prognosis", "Questionable"),
    _d("Prognosis", "Poor"),
    _d("Prognosis", "Hopeless"),
    # ClaimCustomTracking: value is the days the claim stays off the outstanding-claims report
    _d("ClaimCustomTracking", "Needs review", "0"),
    _d("ClaimCustomTracking", "On hold", "14"),
    _d("ClaimCustomTracking", "Called carrier", "14"),
    _d("ClaimCustomTracking", "Check in the mail", "10"),
    _d("ClaimCustomTracking", "Sent x-rays", "21"),
    _d("ClaimCustomTracking", "Narrative sent", "21"),
    _d("ClaimCustomTracking", "Resubmitted", "30"),
    _d("ClaimCustomTracking", "Sent to secondary", "30"),
    _d("ClaimCustomTracking", "Waiting on patient", "30"),
    _d("ClaimCustomTracking", "Appealed", "45"),
    # InsurancePaymentType: 'N' leaves the type off the deposit slip
    _d("InsurancePaymentType", "Check"),
    _d("InsurancePaymentType", "EFT", "N"),
    _d("InsurancePaymentType", "Virtual credit card", "N"),
    _d("InsurancePaymentType", "Capitation check"),
    _d("InsurancePaymentType", "Check sent to patient"),
    _d("InsurancePaymentType", "Lockbox (old)", "N", hidden=True),
    # TaskPriorities: D is the default, R the priority of reminder tasks
    _d("TaskPriorities", "Urgent", "", _rgb(255, 0, 0)),
    _d("TaskPriorities", "High", "", _rgb(255, 165, 0)),
    _d("TaskPriorities", "Normal", "D", WHITE),
    _d("TaskPriorities", "Low", "", _rgb(211, 211, 211)),
    _d("TaskPriorities", "Reminder", "R", _rgb(173, 216, 230)),
    # FeeColors: fixed slots for where a fee comes from
    _d("FeeColors", "Default fee", "", BLACK),
    _d("FeeColors", "Clinic fee", "", _rgb(0, 0, 192)),
    _d("FeeColors", "Provider fee", "", _rgb(0, 128, 0)),
    _d("FeeColors", "Provider and clinic fee", "", _rgb(128, 0, 128)),
    # ProviderSpecialties
    _d("ProviderSpecialties", "General dentist"),
    _d("ProviderSpecialties", "Hygienist"),
    _d("ProviderSpecialties", "Endodontist"),
    _d("ProviderSpecialties", "Periodontist"),
    _d("ProviderSpecialties", "Oral surgeon"),
    _d("ProviderSpecialties", "Orthodontist"),
    _d("ProviderSpecialties", "Pediatric dentist"),
    _d("ProviderSpecialties", "Prosthodontist"),
    _d("ProviderSpecialties", "Dental assistant"),
    _d("ProviderSpecialties", "Expanded function assistant"),
    _d("ProviderSpecialties", "Denturist"),
    _d("ProviderSpecialties", "Oral pathologist"),
    _d("ProviderSpecialties", "Oral radiologist"),
    _d("ProviderSpecialties", "Dental anesthesiologist"),
    _d("ProviderSpecialties", "Dental public health"),
    _d("ProviderSpecialties", "Primary care physician"),
    # ClaimPaymentTracking: why a carrier paid less; value is the X12 claim adjustment reason
    _d("ClaimPaymentTracking", "Applied to deductible", "1"),
    _d("ClaimPaymentTracking", "Patient coinsurance", "2"),
    _d("ClaimPaymentTracking", "Patient copay", "3"),
    _d("ClaimPaymentTracking", "Over the allowed fee", "45"),
    _d("ClaimPaymentTracking", "Not a covered service", "96"),
    _d("ClaimPaymentTracking", "Yearly maximum met", "119"),
    _d("ClaimPaymentTracking", "Frequency limit", "151"),
    _d("ClaimPaymentTracking", "Missing information", "16"),
    _d("ClaimPaymentTracking", "Duplicate claim", "18"),
    _d("ClaimPaymentTracking", "Other coverage is primary", "22"),
    _d("ClaimPaymentTracking", "Coverage ended", "27"),
    _d("ClaimPaymentTracking", "Downgraded to alternate benefit"),
    _d("ClaimPaymentTracking", "Missing tooth clause"),
    _d("ClaimPaymentTracking", "Waiting period not met"),
    _d("ClaimPaymentTracking", "Other"),
    # AccountQuickCharge: value is the procedure codes charged, comma-separated
    _d("AccountQuickCharge", "Missed appointment fee", "D9986"),
    _d("AccountQuickCharge", "Late cancellation", "D9987"),
    _d("AccountQuickCharge", "Whitening trays, both arches", "D9975,D9975"),
    _d("AccountQuickCharge", "Night guard", "D9944"),
    _d("AccountQuickCharge", "Limited exam and x-ray", "D0140,D0220"),
    _d("AccountQuickCharge", "Four sealants", "D1351,D1351,D1351,D1351"),
    _d("AccountQuickCharge", "Fluoride only", "D1206"),
    _d("AccountQuickCharge", "Desensitizer", "D9910"),
    # InsuranceVerificationStatus
    _d("InsuranceVerificationStatus", "Not verified"),
    _d("InsuranceVerificationStatus", "Verified"),
    _d("InsuranceVerificationStatus", "Verified online"),
    _d("InsuranceVerificationStatus", "Verified, plan changed"),
    _d("InsuranceVerificationStatus", "Pending carrier response"),
    _d("InsuranceVerificationStatus", "Benefits breakdown needed"),
    _d("InsuranceVerificationStatus", "Need new card from patient"),
    _d("InsuranceVerificationStatus", "Coverage terminated"),
    # Regions
    _d("Regions", "Downtown"),
    _d("Regions", "Northside"),
    _d("Regions", "Westside"),
    _d("Regions", "South suburbs"),
    # ClaimPaymentGroups: groups claim payments on the daily payments report
    _d("ClaimPaymentGroups", "Default"),
    _d("ClaimPaymentGroups", "Paper checks"),
    _d("ClaimPaymentGroups", "Electronic payments"),
    _d("ClaimPaymentGroups", "Medicaid"),
    # AutoNoteCats
    _d("AutoNoteCats", "Exams"),
    _d("AutoNoteCats", "Hygiene"),
    _d("AutoNoteCats", "Perio"),
    _d("AutoNoteCats", "Fillings"),
    _d("AutoNoteCats", "Crowns and bridges"),
    _d("AutoNoteCats", "Endo"),
    _d("AutoNoteCats", "Extractions"),
    _d("AutoNoteCats", "Implants"),
    _d("AutoNoteCats", "Dentures"),
    _d("AutoNoteCats", "Ortho"),
    _d("AutoNoteCats", "Anesthesia"),
    _d("AutoNoteCats", "Consults"),
    _d("AutoNoteCats", "Emergencies"),
    _d("AutoNoteCats", "Post-op instructions"),
    # WebSchedNewPatApptTypes
    _d("WebSchedNewPatApptTypes", "New patient exam and cleaning"),
    _d("WebSchedNewPatApptTypes", "New patient with tooth pain"),
    _d("WebSchedNewPatApptTypes", "Second opinion"),
    _d("WebSchedNewPatApptTypes", "Child's first visit"),
    # ClaimErrorCode: value describes the error
    _d("ClaimErrorCode", "Invalid subscriber ID", "Subscriber ID does not match the carrier"),
    _d("ClaimErrorCode", "Missing NPI", "Rendering or billing provider NPI missing"),
    _d("ClaimErrorCode", "Invalid tooth number", "Tooth or surface not valid for the code"),
    _d("ClaimErrorCode", "Missing x-rays", "Carrier requires images for this code"),
    _d("ClaimErrorCode", "Missing narrative", "Carrier requires a narrative"),
    _d("ClaimErrorCode", "Birth date mismatch", "Patient birth date differs from the carrier's"),
    _d("ClaimErrorCode", "Wrong payer ID", "Electronic payer ID not accepted"),
    _d("ClaimErrorCode", "Missing prior placement", "Prior placement date required"),
    # ClinicSpecialty
    _d("ClinicSpecialty", "General dentistry"),
    _d("ClinicSpecialty", "Pediatric dentistry"),
    _d("ClinicSpecialty", "Orthodontics"),
    # JobPriorities: OpenDental HQ's own list; present in every database, shown only at HQ
    _d("JobPriorities", "Urgent", "Urgent", _rgb(255, 0, 0), hidden=True),
    _d("JobPriorities", "High", "High", _rgb(255, 140, 0), hidden=True),
    _d("JobPriorities", "Medium high", "MediumHigh", _rgb(255, 215, 0), hidden=True),
    _d(
        "JobPriorities",
        "Normal",
        "Normal,JobDefault,BugDefault,DocumentationDefault",
        WHITE,
        hidden=True,
    ),
    _d("JobPriorities", "Low", "Low", _rgb(211, 211, 211), hidden=True),
    _d("JobPriorities", "On hold", "OnHold", _rgb(169, 169, 169), hidden=True),
    # CarrierGroupNames
    _d("CarrierGroupNames", "Delta Dental plans"),
    _d("CarrierGroupNames", "Blue Cross plans"),
    _d("CarrierGroupNames", "MetLife plans"),
    _d("CarrierGroupNames", "Cigna plans"),
    _d("CarrierGroupNames", "Aetna plans"),
    _d("CarrierGroupNames", "Guardian plans"),
    _d("CarrierGroupNames", "United Concordia plans"),
    _d("CarrierGroupNames", "Humana plans"),
    _d("CarrierGroupNames", "Federal employee plans"),
    _d("CarrierGroupNames", "Medicaid and CHIP"),
    # PayPlanCategories
    _d("PayPlanCategories", "In-house financing"),
    _d("PayPlanCategories", "Ortho contract"),
    _d("PayPlanCategories", "Implant treatment"),
    _d("PayPlanCategories", "Insurance balance"),
    _d("PayPlanCategories", "Hardship"),
    # AutoDeposit: value is the bank account number (synthetic)
    _d("AutoDeposit", "Operating account", "900000114822"),
    _d("AutoDeposit", "Insurance deposits account", "900000207391"),
    # InsuranceFilingCodeGroup
    _d("InsuranceFilingCodeGroup", "Commercial"),
    _d("InsuranceFilingCodeGroup", "PPO"),
    _d("InsuranceFilingCodeGroup", "DHMO"),
    _d("InsuranceFilingCodeGroup", "Medicaid"),
    _d("InsuranceFilingCodeGroup", "Medicare Advantage"),
    _d("InsuranceFilingCodeGroup", "Tricare"),
    _d("InsuranceFilingCodeGroup", "Veterans Affairs"),
    # TimeCardAdjTypes
    _d("TimeCardAdjTypes", "PTO"),
    _d("TimeCardAdjTypes", "Sick leave"),
    _d("TimeCardAdjTypes", "Holiday pay"),
    _d("TimeCardAdjTypes", "Bereavement"),
    _d("TimeCardAdjTypes", "Jury duty"),
    _d("TimeCardAdjTypes", "Continuing education"),
    # WebSchedExistingApptTypes
    _d("WebSchedExistingApptTypes", "Cleaning and checkup"),
    _d("WebSchedExistingApptTypes", "Tooth pain"),
    _d("WebSchedExistingApptTypes", "Broken tooth or filling"),
    _d("WebSchedExistingApptTypes", "Whitening consult"),
    _d("WebSchedExistingApptTypes", "Night guard consult"),
    # CertificationCategories
    _d("CertificationCategories", "CPR and BLS"),
    _d("CertificationCategories", "Radiology license"),
    _d("CertificationCategories", "Infection control"),
    _d("CertificationCategories", "Nitrous monitoring"),
    _d("CertificationCategories", "Expanded functions"),
    _d("CertificationCategories", "HIPAA training"),
    # EClipboardImageCapture: value is the prompt the patient sees
    _d("EClipboardImageCapture", "Insurance card front", "Photo of the front of your card"),
    _d("EClipboardImageCapture", "Insurance card back", "Photo of the back of your card"),
    _d("EClipboardImageCapture", "Photo ID", "Photo of your driver's license or ID"),
    # TaskCategories
    _d("TaskCategories", "Insurance follow-up", "", _rgb(173, 216, 230)),
    _d("TaskCategories", "Patient call back", "", _rgb(255, 228, 181)),
    _d("TaskCategories", "Treatment plan follow-up", "", _rgb(144, 238, 144)),
    _d("TaskCategories", "Lab case"),
    _d("TaskCategories", "Billing", "", _rgb(255, 182, 193)),
    _d("TaskCategories", "Referrals"),
    _d("TaskCategories", "Ortho"),
    _d("TaskCategories", "Office"),
    # OperatoryTypes
    _d("OperatoryTypes", "Restorative"),
    _d("OperatoryTypes", "Hygiene"),
    _d("OperatoryTypes", "Surgery"),
    _d("OperatoryTypes", "Consult"),
    _d("OperatoryTypes", "Emergency"),
)

# CDT category label (catalog.category_of) -> the ProcCodeCats item its codes are filed under.
PROC_CODE_CATS: dict[str, str] = {
    "diagnostic": "Exams & Xrays",
    "preventive": "Cleanings",
    "restorative": "Fillings & Crowns",
    "endodontics": "Endo",
    "periodontics": "Perio",
    "removable_prosthodontics": "Dentures",
    "maxillofacial_prosthetics": "Maxillofacial",
    "implant_services": "Implants",
    "fixed_prosthodontics": "Bridges",
    "oral_and_maxillofacial_surgery": "Oral Surgery",
    "orthodontics": "Ortho",
    "adjunctive_general_services": "Misc",
}


def definition_nums(first_def_num: int = 1) -> dict[tuple[str, str], int]:
    """(category, name) -> the DefNum of that item, numbering DEFINITIONS in order."""
    return {(d.category, d.name): first_def_num + i for i, d in enumerate(DEFINITIONS)}


def nums_in(category: str, first_def_num: int = 1) -> list[int]:
    """The DefNums of a category's visible items, in list order; KeyError for an unknown one."""
    DEF_CAT.code(category)
    return [
        first_def_num + i
        for i, d in enumerate(DEFINITIONS)
        if d.category == category and not d.hidden
    ]
