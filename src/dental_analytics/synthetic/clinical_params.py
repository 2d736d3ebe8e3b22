"""The rates behind the clinical records: perio charting, procedure notes, lab cases, health history.

In the style of `params.py` and `records_params.py`: each figure beside the fact or office routine
it stands on; where it is the team's assumption about a typical US general practice, it says so.
"""

from __future__ import annotations

# --- Perio charting (periomeasure) ------------------------------------------------------------
# Probing depths in mm by the patient's state at the exam, (interproximal mean, mid-facial and
# mid-lingual mean, spread). Healthy sulci probe 1-3 mm; periodontitis is charted from 4-5 mm
# pockets, deeper at molars (AAP/EFP 2017 classification: stage III has pockets of 6 mm or more).
# Active: SRP done at or within SRP_WINDOW_DAYS after the exam. Maintenance: perio maintenance
# (D4910) patients after therapy, mostly 2-4 mm with a few residual 5 mm pockets.
POCKET_DEPTH_MM = {
    "active": (3.9, 2.8, 0.9),
    "maintenance": (2.8, 2.0, 0.7),
    "healthy": (2.1, 1.6, 0.5),
}
PATIENT_LEVEL_SD_MM = 0.3  # patients differ around their state's mean (assumption)
MOLAR_EXTRA_MM = {"active": 0.7, "maintenance": 0.3, "healthy": 0.0}
SRP_WINDOW_DAYS = 183  # SRP planned at a perio charting is done within six months (assumption)
# Bleeding on probing per site, and how much more each millimetre past 3 bleeds (bleeding rises
# with pocket depth: Lang et al., J Clin Periodontol 1990).
BLEEDING_P = {"active": 0.3, "maintenance": 0.12, "healthy": 0.05}
BLEEDING_P_PER_MM = 0.12
SUPPURATION_P = 0.2  # pus from sites of 6 mm or more (active infection; assumption)
PLAQUE_P = {"active": 0.35, "maintenance": 0.2, "healthy": 0.1}
CALCULUS_P = {"active": 0.25, "maintenance": 0.08, "healthy": 0.03}
# Gingival recession per site: share of sites with 1-3 mm, rising with age (NHANES: recession of
# 1 mm or more in most adults over 50; Albandar & Kingman 1999). Per year of age over 30.
RECESSION_P_PER_YEAR = 0.006
MOBILITY_P = {"active": 0.1, "maintenance": 0.03, "healthy": 0.0}  # teeth with mobility 1-2
FURCATION_P = {"active": 0.15, "maintenance": 0.05, "healthy": 0.0}  # molars with a furcation

# --- Procedure notes (procnote) ---------------------------------------------------------------
# Completed procedures get a clinical note; a procedure in a group note shares the group's.
# Providers write most notes by the end of the day and some the next working day (assumption).
NOTE_WRITTEN_P = 0.95
NOTE_NEXT_DAY_P = 0.12
# Notes left unsigned: few once charts are closed, many in the last two weeks (notes still open;
# OpenDental's "incomplete procedure notes" report exists for this; assumption).
NOTE_UNSIGNED_P = 0.03
NOTE_RECENT_UNSIGNED_P = 0.3
NOTE_RECENT_DAYS = 14
# Notes edited later (an addendum): OpenDental keeps the old row and writes a new one.
NOTE_EDITED_P = 0.06
NOTE_EDIT_DAYS = (0, 5)  # low inclusive, high exclusive
NOTE_TEXT = {
    "diagnostic": (
        "Exam completed. Reviewed medical history. No changes.",
        "Radiographs taken and reviewed.",
        "Comprehensive exam, findings discussed with patient.",
    ),
    "preventive": (
        "Prophy completed. OHI given. Next recall 6 months.",
        "Cleaning completed, light calculus removed. Flossing reviewed.",
        "Fluoride varnish applied. Post-op instructions given.",
    ),
    "periodontics": (
        "SRP completed with local anesthetic. Post-op instructions given.",
        "Perio maintenance completed. Pockets charted. Home care reviewed.",
    ),
    "restorative": (
        "Anesthetic given. Decay removed, composite placed and polished. Occlusion checked.",
        "Crown seated with resin cement. Margins and contacts checked.",
        "Restoration completed. Patient tolerated well.",
    ),
    "endodontics": (
        "Root canal completed. Canals obturated. Temporary placed.",
        "Pulpal debridement completed. Patient to return for completion.",
    ),
    "oral_and_maxillofacial_surgery": (
        "Extraction completed. Hemostasis achieved. Post-op given.",
        "Surgical extraction, sutures placed. Rx given.",
    ),
    "other": (
        "Procedure completed. Patient tolerated well.",
        "Treatment completed as planned. No complications.",
    ),
}

# --- Laboratories and lab cases (laboratory, labcase) -------------------------------------------
# Lab-made restorations by CDT code prefix, with the lab's fee range in dollars (NADL and lab
# price lists: zirconia and PFM crowns $120-300, gold higher for the metal, implant crowns
# $300-600 with the abutment work, dentures $300-650 an arch, night guards $80-160).
LAB_WORK = {
    "D26": ("inlay or onlay", (110.0, 220.0)),
    "D27": ("crown", (120.0, 300.0)),
    "D605": ("implant abutment", (180.0, 380.0)),
    "D606": ("implant crown", (300.0, 600.0)),
    "D62": ("bridge pontic", (120.0, 300.0)),
    "D67": ("bridge retainer", (120.0, 300.0)),
    "D51": ("complete denture", (300.0, 650.0)),
    "D52": ("partial denture", (250.0, 600.0)),
    "D9944": ("night guard", (80.0, 160.0)),
}
LAB_DENTURE_PREFIXES = ("D51", "D52")  # sent to the denture lab; the rest to crown and bridge labs
# Impressions are taken and sent weeks before the seat appointment; the lab returns the case a few
# days before it is due, and the dentist checks it when it comes in (lab turnaround: 7-14 working
# days for crowns, 2-4 weeks for dentures; assumption for the spread).
LAB_LEAD_DAYS = (14, 29)  # impression before the seat appointment; low inclusive, high exclusive
LAB_SENT_DAYS = (0, 2)  # impression to courier
LAB_DUE_DAYS_BEFORE_SEAT = 2
LAB_EARLY_DAYS = (0, 4)  # received this many days before due
LAB_LATE_P = 0.06  # cases that come back after they were due, 1-3 days late
LAB_CHECK_DAYS = (0, 2)
LAB_INVOICED_P = 0.9  # received cases whose lab invoice number is entered

# --- Health history (medication, medicationpat, allergydef, allergy, diseasedef, disease) -------
# The medical history every patient gives at the first visit, by age band (at the as-of date):
# children, adults under 40, 40-64, 65 and over. Prevalences of conditions reported on a dental
# health history, from:
# hypertension: NCHS Data Brief 364 (Ostchega 2020), diagnosed and treated share of 22/55/75%
#   measured; diabetes: CDC National Diabetes Statistics Report 2022 (diagnosed, 18-44 3%, 45-64
#   14%, 65+ 21%); high cholesterol on a statin: NCHS Data Brief 177 (Gu 2014); hypothyroidism:
#   NHANES (Aoki 2007); asthma: CDC National Health Interview Survey 2021 (children 6.5%, adults
#   8%); depression and anxiety: NHIS 2019 (Terlizzi); GERD: El-Serag 2014 (weekly symptoms
#   18-28%, diagnosed fewer); prosthetic hip or knee: Kremers et al., J Bone Joint Surg 2015
#   (2.3% of all, 10% of those 80+); atrial fibrillation: ~9% of those 65+ (CDC); osteoporosis:
#   NCHS Data Brief 405 (Sarafrazi 2021: 19.6% of 65+); COPD: CDC BRFSS 2018 (6%, 11% of 65+);
#   tobacco use: CDC 2021 (11.5% of adults); prosthetic heart valve and past infective
#   endocarditis: rare, the conditions for which AHA 2021 advises antibiotic premedication.
AGE_BANDS = (18, 40, 65)  # band edges: under 18, 18-39, 40-64, 65+
CONDITION_P = {
    "Hypertension": (0.0, 0.08, 0.32, 0.58),
    "Type 2 diabetes": (0.002, 0.03, 0.13, 0.21),
    "High cholesterol": (0.0, 0.04, 0.22, 0.42),
    "Hypothyroidism": (0.002, 0.02, 0.05, 0.12),
    "Asthma": (0.065, 0.08, 0.08, 0.07),
    "Depression": (0.02, 0.09, 0.09, 0.07),
    "Anxiety": (0.04, 0.1, 0.08, 0.05),
    "Acid reflux (GERD)": (0.005, 0.06, 0.12, 0.15),
    "Prosthetic joint": (0.0, 0.002, 0.02, 0.08),
    "Atrial fibrillation": (0.0, 0.002, 0.02, 0.09),
    "Osteoporosis": (0.0, 0.005, 0.04, 0.18),
    "COPD": (0.0, 0.01, 0.05, 0.11),
    "Tobacco use": (0.005, 0.11, 0.14, 0.08),
    "Prosthetic heart valve": (0.0, 0.001, 0.004, 0.015),
    "History of infective endocarditis": (0.0, 0.0005, 0.001, 0.003),
}
# (ICD-10, SNOMED CT) of each condition, as OpenDental's problem list stores them.
CONDITION_CODES = {
    "Hypertension": ("I10", "38341003"),
    "Type 2 diabetes": ("E11.9", "44054006"),
    "High cholesterol": ("E78.5", "55822004"),
    "Hypothyroidism": ("E03.9", "40930008"),
    "Asthma": ("J45.909", "195967001"),
    "Depression": ("F32.A", "35489007"),
    "Anxiety": ("F41.9", "197480006"),
    "Acid reflux (GERD)": ("K21.9", "235595009"),
    "Prosthetic joint": ("Z96.60", ""),
    "Atrial fibrillation": ("I48.91", "49436004"),
    "Osteoporosis": ("M81.0", "64859006"),
    "COPD": ("J44.9", "13645005"),
    "Tobacco use": ("F17.210", "77176002"),
    "Prosthetic heart valve": ("Z95.2", ""),
    "History of infective endocarditis": ("Z86.79", ""),
}
# What a patient with each condition takes (one medication drawn from the list), and the chance
# they take one (conditions managed without medication are common for reflux and anxiety).
CONDITION_MEDICATIONS = {
    "Hypertension": (
        0.9,
        ("Lisinopril", "Amlodipine", "Losartan", "Hydrochlorothiazide", "Metoprolol"),
    ),
    "Type 2 diabetes": (0.9, ("Metformin", "Insulin glargine")),
    "High cholesterol": (0.95, ("Atorvastatin", "Rosuvastatin", "Simvastatin")),
    "Hypothyroidism": (0.95, ("Levothyroxine",)),
    "Asthma": (0.8, ("Albuterol", "Montelukast")),
    "Depression": (0.7, ("Sertraline", "Escitalopram", "Fluoxetine")),
    "Anxiety": (0.5, ("Sertraline", "Escitalopram")),
    "Acid reflux (GERD)": (0.6, ("Omeprazole", "Pantoprazole")),
    "Atrial fibrillation": (0.85, ("Apixaban", "Warfarin")),
    "Osteoporosis": (0.6, ("Alendronate",)),
    "COPD": (0.8, ("Albuterol", "Tiotropium")),
    "Prosthetic heart valve": (0.95, ("Warfarin",)),
}
# Medications, with the RxNorm ingredient concept (RXCUI) OpenDental stores beside each.
MEDICATIONS = {
    "Lisinopril": 29046,
    "Amlodipine": 17767,
    "Losartan": 52175,
    "Hydrochlorothiazide": 5487,
    "Metoprolol": 6918,
    "Metformin": 6809,
    "Insulin glargine": 274783,
    "Atorvastatin": 83367,
    "Rosuvastatin": 301542,
    "Simvastatin": 36567,
    "Levothyroxine": 10582,
    "Albuterol": 435,
    "Montelukast": 88249,
    "Sertraline": 36437,
    "Escitalopram": 321988,
    "Fluoxetine": 4493,
    "Omeprazole": 7646,
    "Pantoprazole": 40790,
    "Apixaban": 1364430,
    "Warfarin": 11289,
    "Alendronate": 46041,
    "Tiotropium": 69120,
    "Aspirin": 1191,
    "Clopidogrel": 32968,
    "Ibuprofen": 5640,
}
# Low-dose aspirin without a listed condition (USPSTF: ~ a third of adults 60+ took it in 2019)
# and other medications taken without one of the conditions above (pain relief; assumption).
ASPIRIN_P = (0.0, 0.01, 0.08, 0.3)
CLOPIDOGREL_P = (0.0, 0.0, 0.005, 0.03)  # after a stent or stroke
IBUPROFEN_P = (0.0, 0.03, 0.05, 0.04)
MEDICATION_STOPPED_P = 0.12  # medications on the list the patient has since stopped
# When things began and ended, before the history was taken (assumption: a spread of years).
MEDICATION_STARTED_YEARS_BEFORE = (0.2, 8.0)
MEDICATION_STOPPED_DAYS_BEFORE = (10, 300)  # low inclusive, high exclusive
PROBLEM_STARTED_YEARS_BEFORE = (0.5, 12.0)
PROBLEM_RESOLVED_YEARS_BEFORE = (0.1, 0.5)
PROBLEM_START_KNOWN_P = 0.4  # patients rarely know when a condition began; most leave it blank
CONDITION_RESOLVED_P = {"Tobacco use": 0.25, "Depression": 0.15, "Anxiety": 0.1}
# Allergies patients report (allergydef: name, SNOMED allergy type, P per patient):
# penicillin ~10% (Shenoy et al., JAMA 2019), sulfonamides 3-8% (Khan 2019), latex ~1-4% of the
# general population (Wu et al. 2016), codeine and NSAID intolerance ~1-2%, local anaesthetic
# allergy very rare (reported far more often than confirmed).
ALLERGIES = {
    "Penicillin": (2, 0.10),
    "Sulfa drugs": (2, 0.04),
    "Latex": (1, 0.015),
    "Codeine": (3, 0.02),
    "Aspirin / NSAIDs": (3, 0.015),
    "Erythromycin": (2, 0.01),
    "Cephalosporins": (2, 0.01),
    "Local anesthetic": (7, 0.002),
    "Iodine": (1, 0.01),
}
ALLERGY_REACTIONS = ("Hives", "Rash", "Swelling", "Nausea", "Itching", "Shortness of breath")
ALLERGY_INACTIVE_P = 0.05  # allergies later ruled out (penicillin testing) and marked inactive

# --- Expected volumes (scale 1) --------------------------------------------------------------
# What the rates above give a unit of ~5,000 patients (not from the reference data set), kept so
# a change of rate that moves a volume a lot is noticed.
CLINICAL_VOLUMES = {
    "periomeasure": 65_000,  # ~900 perio exams x (28 probing + ~27 bleeding + ~15 recession rows)
    "procnote": 32_000,  # ~95% of ~32,000 completed procedures, plus edits
    "treatplanattach": 5_500,  # planned procedures still open on patients' active plans
    "labcase": 450,  # crowns, bridges, dentures and night guards seated or booked
    "medicationpat": 3_600,
    "allergy": 950,  # ~4,000 patients seen, ~23% report an allergy
    "disease": 4_300,
}
