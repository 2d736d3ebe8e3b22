"""The practice's procedure codes: 200 CDT codes with fee, chair time and how often each is done.

Codes are real CDT codes; the names are short plain-English names the team wrote, because the
ADA's descriptors are copyrighted (DESIGN.md). Fees are 2026 US urban usual-and-customary fees.
`weight` is the relative frequency with which a general practice performs a code, calibrated so
that by count diagnostic codes lead, preventive come second and together make well over half of
all procedures (an exam and radiographs at nearly every recall visit), restorative come third,
and hygiene-flagged codes make about a quarter of production dollars. A weight of 0 keeps a code
on the practice's list that it rarely or never performs.
"""

from __future__ import annotations

from dataclasses import dataclass

from dental_analytics.opendental.schema import Enum, table


@dataclass(frozen=True)
class ProcedureCodeSpec:
    """One row of the practice's `procedurecode` table, with how often the practice does it."""

    code: str
    abbr: str
    name: str
    fee: float
    minutes: int
    is_hygiene: bool
    treat_area: int
    paint_type: int
    weight: float
    base_units: int = 0


# CDT categories by code range, the single place these ranges live in Python (DESIGN.md).
CDT_CATEGORIES: tuple[tuple[int, int, str], ...] = (
    (100, 999, "diagnostic"),
    (1000, 1999, "preventive"),
    (2000, 2999, "restorative"),
    (3000, 3999, "endodontics"),
    (4000, 4999, "periodontics"),
    (5000, 5899, "removable_prosthodontics"),
    (5900, 5999, "maxillofacial_prosthetics"),
    (6000, 6199, "implant_services"),
    (6200, 6999, "fixed_prosthodontics"),
    (7000, 7999, "oral_and_maxillofacial_surgery"),
    (8000, 8999, "orthodontics"),
    (9000, 9999, "adjunctive_general_services"),
)


def category_of(code: str) -> str:
    """The CDT category label of a code such as 'D2392'; ValueError if no range holds it."""
    digits = code[1:]
    if len(code) == 5 and code[0] == "D" and digits.isdigit():
        number = int(digits)
        for low, high, label in CDT_CATEGORIES:
            if low <= number <= high:
                return label
    raise ValueError(f"{code!r} is not a code in any CDT category range")


def cdt_category_seed() -> str:
    """The dbt seed `cdt_code_categories`: one row per CDT category range, lowest first."""
    lines = ["range_start,range_end,category"]
    lines += [f"D{low:04d},D{high:04d},{label}" for low, high, label in CDT_CATEGORIES]
    return "\n".join(lines) + "\n"


def _enum(table_name: str, column_name: str) -> Enum:
    enum = table(table_name).column(column_name).enum
    if enum is None:
        raise LookupError(f"{table_name}.{column_name} has no enum in the schema")
    return enum


# Enum codes read from the schema by name, so the rows below say what they mean.
_AREA = _enum("procedurecode", "TreatArea")
SURF = _AREA.code("Surf")
TOOTH = _AREA.code("Tooth")
MOUTH = _AREA.code("Mouth")
QUAD = _AREA.code("Quad")
ARCH = _AREA.code("Arch")
RANGE = _AREA.code("ToothRange")

_PAINT = _enum("procedurecode", "PaintType")
NONE = _PAINT.code("None")
EXT = _PAINT.code("Extraction")
IMPL = _PAINT.code("Implant")
RCT = _PAINT.code("RCT")
POST = _PAINT.code("PostBU")
FILL_DK = _PAINT.code("FillingDark")
FILL_LT = _PAINT.code("FillingLight")
CRN_DK = _PAINT.code("CrownDark")
CRN_LT = _PAINT.code("CrownLight")
BRG_DK = _PAINT.code("BridgeDark")
BRG_LT = _PAINT.code("BridgeLight")
DENT = _PAINT.code("DentureLight")
SEAL = _PAINT.code("Sealant")
VEN = _PAINT.code("Veneer")
SPACE = _PAINT.code("SpaceMaintainer")

HYG = True
DDS = False

_c = ProcedureCodeSpec

# code, abbr, name, fee, minutes, is_hygiene, treat_area, paint_type, weight
PROCEDURE_CODES: tuple[ProcedureCodeSpec, ...] = (
    # diagnostic
    _c("D0120", "PerEx", "Periodic exam", 65.0, 10, DDS, MOUTH, NONE, 140.0),
    _c("D0140", "LimEx", "Limited exam, one problem", 95.0, 20, DDS, MOUTH, NONE, 24.0),
    _c("D0145", "ExU3", "Exam for a child under three", 70.0, 20, DDS, MOUTH, NONE, 2.0),
    _c("D0150", "CompEx", "Comprehensive exam", 120.0, 20, DDS, MOUTH, NONE, 18.0),
    _c("D0160", "DetEx", "Detailed exam, one problem", 180.0, 30, DDS, MOUTH, NONE, 0.5),
    _c("D0170", "ReEval", "Follow-up exam, limited", 75.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D0171", "PostOp", "Post-op check", 55.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D0180", "PerioEx", "Full periodontal exam", 130.0, 20, DDS, MOUTH, NONE, 6.0),
    _c("D0190", "Screen", "Screening", 40.0, 10, DDS, MOUTH, NONE, 0.5),
    _c("D0191", "Assess", "Quick assessment", 35.0, 10, DDS, MOUTH, NONE, 0.5),
    _c("D0210", "FMX", "Full set of x-rays", 175.0, 30, DDS, MOUTH, NONE, 14.0),
    _c("D0220", "PA", "Single tooth x-ray, first", 38.0, 10, DDS, TOOTH, NONE, 22.0),
    _c("D0230", "PA2", "Single tooth x-ray, each more", 32.0, 10, DDS, TOOTH, NONE, 16.0),
    _c("D0240", "Occl", "Bite-plane x-ray", 45.0, 10, DDS, MOUTH, NONE, 1.0),
    _c("D0250", "ExtraX", "Outside-the-mouth x-ray", 60.0, 10, DDS, MOUTH, NONE, 0.2),
    _c("D0270", "1BW", "One bitewing", 35.0, 10, DDS, MOUTH, NONE, 3.0),
    _c("D0272", "2BW", "Two bitewings", 58.0, 10, DDS, MOUTH, NONE, 16.0),
    _c("D0273", "3BW", "Three bitewings", 70.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D0274", "4BW", "Four bitewings", 85.0, 10, DDS, MOUTH, NONE, 45.0),
    _c("D0277", "VertBW", "Vertical bitewings", 110.0, 10, DDS, MOUTH, NONE, 5.0),
    _c("D0330", "Pano", "Panoramic x-ray", 140.0, 10, DDS, MOUTH, NONE, 12.0),
    _c("D0340", "Ceph", "Skull profile x-ray", 140.0, 10, DDS, MOUTH, NONE, 0.3),
    _c("D0350", "Photos", "Clinical photos", 45.0, 10, DDS, MOUTH, NONE, 4.0),
    _c("D0364", "CBCTsm", "3D scan, small area", 300.0, 20, DDS, MOUTH, NONE, 0.8),
    _c("D0367", "CBCTfull", "3D scan, both jaws", 450.0, 20, DDS, MOUTH, NONE, 1.0),
    _c("D0415", "Culture", "Bacteria sample for lab", 90.0, 10, DDS, MOUTH, NONE, 0.0),
    _c("D0431", "OCScreen", "Oral cancer screening light", 65.0, 10, DDS, MOUTH, NONE, 1.5),
    _c("D0460", "Vital", "Nerve vitality test", 55.0, 10, DDS, TOOTH, NONE, 4.0),
    _c("D0470", "Models", "Study models", 120.0, 20, DDS, MOUTH, NONE, 1.0),
    _c("D0601", "CRALow", "Cavity risk check, low", 0.0, 10, DDS, MOUTH, NONE, 3.0),
    _c("D0602", "CRAMod", "Cavity risk check, moderate", 0.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D0603", "CRAHigh", "Cavity risk check, high", 0.0, 10, DDS, MOUTH, NONE, 1.0),
    # preventive
    _c("D1110", "Pro", "Adult cleaning", 120.0, 60, HYG, MOUTH, NONE, 130.0),
    _c("D1120", "ChildPro", "Child cleaning", 85.0, 40, HYG, MOUTH, NONE, 22.0),
    _c("D1206", "FlVarn", "Fluoride varnish", 45.0, 10, HYG, MOUTH, NONE, 40.0),
    _c("D1208", "Fl", "Fluoride treatment", 40.0, 10, HYG, MOUTH, NONE, 8.0),
    _c("D1310", "Diet", "Diet counseling", 40.0, 10, HYG, MOUTH, NONE, 0.5),
    _c("D1320", "Tobacco", "Quit-tobacco counseling", 40.0, 10, HYG, MOUTH, NONE, 0.5),
    _c("D1330", "OHI", "Home care coaching", 35.0, 10, HYG, MOUTH, NONE, 2.0),
    _c("D1351", "Seal", "Sealant", 60.0, 20, HYG, TOOTH, SEAL, 10.0),
    _c("D1352", "PRR", "Sealant with small filling", 75.0, 20, DDS, TOOTH, FILL_LT, 1.0),
    _c("D1353", "SealRep", "Sealant repair", 40.0, 10, HYG, TOOTH, SEAL, 0.5),
    _c("D1354", "SDF", "Cavity-arresting medicine", 45.0, 10, HYG, TOOTH, NONE, 2.0),
    _c("D1510", "SpMtU", "Space maintainer, one side", 375.0, 30, DDS, QUAD, SPACE, 0.5),
    _c("D1516", "SpMtMx", "Space maintainer, upper both sides", 550.0, 30, DDS, ARCH, SPACE, 0.2),
    _c("D1517", "SpMtMd", "Space maintainer, lower both sides", 550.0, 30, DDS, ARCH, SPACE, 0.2),
    _c("D1520", "SpMtRem", "Removable space maintainer", 450.0, 30, DDS, QUAD, SPACE, 0.0),
    _c("D1551", "SpMtRC", "Re-cement upper space maintainer", 95.0, 20, DDS, ARCH, NONE, 0.1),
    _c("D1575", "DShoe", "Distal shoe space maintainer", 400.0, 30, DDS, QUAD, SPACE, 0.0),
    # restorative
    _c("D2140", "1SurfAm", "One-surface silver filling", 150.0, 30, DDS, SURF, FILL_DK, 2.0),
    _c("D2150", "2SurfAm", "Two-surface silver filling", 185.0, 40, DDS, SURF, FILL_DK, 2.0),
    _c("D2160", "3SurfAm", "Three-surface silver filling", 220.0, 50, DDS, SURF, FILL_DK, 0.8),
    _c("D2161", "4SurfAm", "4+ surface silver filling", 260.0, 60, DDS, SURF, FILL_DK, 0.3),
    _c("D2330", "1SurfAC", "One-surface front composite", 170.0, 30, DDS, SURF, FILL_LT, 6.0),
    _c("D2331", "2SurfAC", "Two-surface front composite", 210.0, 40, DDS, SURF, FILL_LT, 5.0),
    _c("D2332", "3SurfAC", "Three-surface front composite", 255.0, 50, DDS, SURF, FILL_LT, 3.0),
    _c("D2335", "4SurfAC", "Front composite with edge", 315.0, 60, DDS, SURF, FILL_LT, 2.0),
    _c("D2390", "AntCCrn", "Composite crown, front tooth", 550.0, 60, DDS, TOOTH, CRN_LT, 0.3),
    _c("D2391", "1SurfPC", "One-surface posterior composite", 190.0, 30, DDS, SURF, FILL_LT, 14.0),
    _c("D2392", "2SurfPC", "Two-surface posterior composite", 250.0, 40, DDS, SURF, FILL_LT, 16.0),
    _c("D2393", "3SurfPC", "Three-surface posterior composite", 310.0, 50, DDS, SURF, FILL_LT, 7.0),
    _c("D2394", "4SurfPC", "4+ surface posterior composite", 370.0, 60, DDS, SURF, FILL_LT, 2.0),
    _c("D2620", "2SInlC", "Two-surface ceramic inlay", 1150.0, 90, DDS, SURF, FILL_LT, 0.1),
    _c("D2630", "3SInlC", "Three-surface ceramic inlay", 1250.0, 90, DDS, SURF, FILL_LT, 0.1),
    _c("D2642", "2SOnlC", "Two-surface ceramic onlay", 1200.0, 90, DDS, SURF, FILL_LT, 0.2),
    _c("D2643", "3SOnlC", "Three-surface ceramic onlay", 1300.0, 90, DDS, SURF, FILL_LT, 0.3),
    _c("D2644", "4SOnlC", "4+ surface ceramic onlay", 1400.0, 90, DDS, SURF, FILL_LT, 0.4),
    _c("D2710", "CmpCrn", "Lab-made composite crown", 700.0, 60, DDS, TOOTH, CRN_LT, 0.2),
    _c("D2740", "CerCrn", "All-ceramic crown", 1300.0, 90, DDS, TOOTH, CRN_LT, 9.0),
    _c("D2750", "PFM", "Porcelain-on-gold crown", 1350.0, 90, DDS, TOOTH, CRN_LT, 2.0),
    _c("D2751", "PFMBase", "Porcelain-on-base-metal crown", 1150.0, 90, DDS, TOOTH, CRN_LT, 1.0),
    _c("D2752", "PFMNob", "Porcelain-on-noble-alloy crown", 1250.0, 90, DDS, TOOTH, CRN_LT, 0.8),
    _c("D2790", "FGC", "Gold crown", 1400.0, 90, DDS, TOOTH, CRN_DK, 0.8),
    _c("D2791", "FGCBase", "Base-metal crown", 1150.0, 90, DDS, TOOTH, CRN_DK, 0.2),
    _c("D2792", "FGCNob", "Noble-alloy metal crown", 1250.0, 90, DDS, TOOTH, CRN_DK, 0.2),
    _c("D2910", "RCInl", "Re-cement inlay or onlay", 110.0, 20, DDS, TOOTH, NONE, 0.3),
    _c("D2920", "RCCrn", "Re-cement crown", 120.0, 20, DDS, TOOTH, NONE, 2.0),
    _c("D2930", "SSCPrim", "Steel crown, baby tooth", 280.0, 30, DDS, TOOTH, CRN_DK, 1.0),
    _c("D2931", "SSCPerm", "Steel crown, adult tooth", 340.0, 40, DDS, TOOTH, CRN_DK, 0.2),
    _c("D2940", "Sedat", "Temporary sedative filling", 120.0, 30, DDS, TOOTH, FILL_LT, 2.0),
    _c("D2950", "BU", "Core buildup", 300.0, 30, DDS, TOOTH, NONE, 7.0),
    _c("D2951", "Pin", "Retention pin", 60.0, 10, DDS, TOOTH, NONE, 0.5),
    _c("D2952", "CastPC", "Lab-made post and core", 450.0, 40, DDS, TOOTH, POST, 0.2),
    _c("D2954", "PrePost", "Prefab post and core", 380.0, 30, DDS, TOOTH, POST, 1.5),
    _c("D2962", "Veneer", "Porcelain veneer", 1350.0, 90, DDS, TOOTH, VEN, 1.0),
    _c("D2980", "CrnRep", "Crown repair", 250.0, 30, DDS, TOOTH, NONE, 0.2),
    # endodontics
    _c("D3110", "PCapD", "Pulp cap, direct", 70.0, 10, DDS, TOOTH, NONE, 1.0),
    _c("D3120", "PCapI", "Pulp cap, indirect", 60.0, 10, DDS, TOOTH, NONE, 2.0),
    _c("D3220", "Pulpot", "Pulpotomy", 240.0, 40, DDS, TOOTH, NONE, 1.0),
    _c("D3221", "PulpDeb", "Emergency nerve opening", 260.0, 40, DDS, TOOTH, NONE, 1.5),
    _c("D3230", "PulpPA", "Baby front tooth nerve treatment", 260.0, 40, DDS, TOOTH, NONE, 0.0),
    _c("D3240", "PulpPP", "Baby back tooth nerve treatment", 290.0, 40, DDS, TOOTH, NONE, 0.2),
    _c("D3310", "RCTAnt", "Root canal, front tooth", 950.0, 90, DDS, TOOTH, RCT, 0.8),
    _c("D3320", "RCTPM", "Root canal, premolar", 1100.0, 90, DDS, TOOTH, RCT, 1.2),
    _c("D3330", "RCTMol", "Root canal, molar", 1250.0, 120, DDS, TOOTH, RCT, 2.0),
    _c("D3332", "RCTInc", "Root canal stopped before finish", 450.0, 60, DDS, TOOTH, NONE, 0.1),
    _c("D3346", "ReRCTA", "Redo root canal, front tooth", 1150.0, 120, DDS, TOOTH, RCT, 0.1),
    _c("D3347", "ReRCTPM", "Redo root canal, premolar", 1300.0, 120, DDS, TOOTH, RCT, 0.1),
    _c("D3348", "ReRCTM", "Redo root canal, molar", 1500.0, 120, DDS, TOOTH, RCT, 0.2),
    _c("D3410", "ApicoA", "Root-tip surgery, front tooth", 1100.0, 90, DDS, TOOTH, NONE, 0.0),
    # periodontics
    _c("D4210", "Gingvx4", "Gum trim, 4+ teeth in a quadrant", 650.0, 60, DDS, QUAD, NONE, 0.1),
    _c("D4211", "Gingvx1", "Gum trim, 1-3 teeth in a quadrant", 300.0, 40, DDS, QUAD, NONE, 0.3),
    _c("D4212", "GingvxR", "Gum trim for a filling or crown", 250.0, 30, DDS, TOOTH, NONE, 0.5),
    _c("D4249", "CrnLen", "Crown lengthening", 950.0, 90, DDS, TOOTH, NONE, 0.3),
    _c("D4260", "Osseous", "Bone reshaping gum surgery", 1200.0, 90, DDS, QUAD, NONE, 0.0),
    _c("D4266", "GTR", "Membrane gum regeneration", 550.0, 60, DDS, TOOTH, NONE, 0.0),
    _c("D4273", "CTGraft", "Gum graft from palate tissue", 1300.0, 90, DDS, TOOTH, NONE, 0.1),
    _c("D4277", "FGGraft", "Free gum graft", 1000.0, 90, DDS, TOOTH, NONE, 0.0),
    _c("D4341", "SRP4", "Deep cleaning, 4+ teeth in a quadrant", 270.0, 60, HYG, QUAD, NONE, 12.0),
    _c("D4342", "SRP1", "Deep cleaning, 1-3 teeth in a quadrant", 200.0, 40, HYG, QUAD, NONE, 6.0),
    _c("D4346", "GingScl", "Cleaning for inflamed gums", 140.0, 60, HYG, MOUTH, NONE, 3.0),
    _c("D4355", "FMD", "Full-mouth debridement", 190.0, 60, HYG, MOUTH, NONE, 2.0),
    _c("D4381", "Arestin", "Antibiotic placed in gum pocket", 95.0, 10, HYG, TOOTH, NONE, 5.0),
    _c("D4910", "PerMnt", "Perio maintenance cleaning", 175.0, 60, HYG, MOUTH, NONE, 40.0),
    _c("D4921", "Irrig", "Gum irrigation", 40.0, 10, HYG, QUAD, NONE, 1.0),
    # removable prosthodontics
    _c("D5110", "CDMax", "Full upper denture", 2100.0, 60, DDS, ARCH, DENT, 0.4),
    _c("D5120", "CDMand", "Full lower denture", 2100.0, 60, DDS, ARCH, DENT, 0.3),
    _c("D5130", "ImmCDMx", "Immediate upper denture", 2300.0, 60, DDS, ARCH, DENT, 0.3),
    _c("D5140", "ImmCDMd", "Immediate lower denture", 2300.0, 60, DDS, ARCH, DENT, 0.2),
    _c("D5211", "RPDMxR", "Upper acrylic partial", 1400.0, 60, DDS, ARCH, DENT, 0.3),
    _c("D5212", "RPDMdR", "Lower acrylic partial", 1400.0, 60, DDS, ARCH, DENT, 0.3),
    _c("D5213", "RPDMxC", "Upper metal-frame partial", 2250.0, 60, DDS, ARCH, DENT, 0.4),
    _c("D5214", "RPDMdC", "Lower metal-frame partial", 2250.0, 60, DDS, ARCH, DENT, 0.4),
    _c("D5225", "RPDMxF", "Upper flexible partial", 1900.0, 60, DDS, ARCH, DENT, 0.2),
    _c("D5410", "AdjCDMx", "Adjust upper denture", 95.0, 20, DDS, ARCH, NONE, 1.0),
    _c("D5411", "AdjCDMd", "Adjust lower denture", 95.0, 20, DDS, ARCH, NONE, 1.0),
    _c("D5421", "AdjPDMx", "Adjust upper partial", 95.0, 20, DDS, ARCH, NONE, 0.6),
    _c("D5422", "AdjPDMd", "Adjust lower partial", 95.0, 20, DDS, ARCH, NONE, 0.6),
    _c("D5650", "AddTooth", "Add a tooth to a partial", 350.0, 20, DDS, TOOTH, NONE, 0.3),
    _c("D5750", "RelCDMx", "Lab reline, upper denture", 550.0, 30, DDS, ARCH, NONE, 0.2),
    _c("D5820", "FlipMx", "Temporary upper partial (flipper)", 750.0, 40, DDS, ARCH, DENT, 0.5),
    _c("D5821", "FlipMd", "Temporary lower partial (flipper)", 750.0, 40, DDS, ARCH, DENT, 0.2),
    # maxillofacial prosthetics
    _c("D5982", "SurgStnt", "Surgical guide stent", 600.0, 30, DDS, ARCH, NONE, 0.1),
    _c("D5986", "FlTray", "Custom fluoride trays", 225.0, 20, DDS, ARCH, NONE, 0.1),
    _c("D5994", "PerTray", "Custom gum medicine trays", 400.0, 20, DDS, ARCH, NONE, 0.0),
    # implant services
    _c("D6010", "Implant", "Implant placement", 2300.0, 90, DDS, TOOTH, IMPL, 1.5),
    _c("D6011", "Uncover", "Implant uncovering", 550.0, 40, DDS, TOOTH, NONE, 0.2),
    _c("D6056", "AbutPre", "Stock implant abutment", 750.0, 30, DDS, TOOTH, NONE, 0.6),
    _c("D6057", "AbutCus", "Custom implant abutment", 950.0, 30, DDS, TOOTH, NONE, 0.9),
    _c("D6058", "ImpCrnC", "Ceramic crown on abutment", 1650.0, 60, DDS, TOOTH, CRN_LT, 1.2),
    _c("D6059", "ImpPFM", "Porcelain-on-gold implant crown", 1700.0, 60, DDS, TOOTH, CRN_LT, 0.1),
    _c("D6065", "ImpScrC", "Screw-in ceramic implant crown", 1750.0, 60, DDS, TOOTH, CRN_LT, 0.3),
    _c("D6080", "ImpMnt", "Implant maintenance", 190.0, 40, DDS, MOUTH, NONE, 0.5),
    _c("D6081", "ImpDeb", "Cleaning around an inflamed implant", 160.0, 30, HYG, TOOTH, NONE, 0.3),
    _c("D6092", "RCImpCr", "Re-cement implant crown", 150.0, 20, DDS, TOOTH, NONE, 0.2),
    _c("D6104", "ImpGraf", "Bone graft with implant", 650.0, 30, DDS, TOOTH, NONE, 0.4),
    _c("D6110", "ImpODMx", "Implant snap-on upper denture", 4500.0, 90, DDS, ARCH, DENT, 0.05),
    _c("D6114", "HybMx", "Fixed upper implant denture", 18000.0, 120, DDS, ARCH, DENT, 0.02),
    _c("D6190", "ImpIdx", "Implant planning guide", 350.0, 30, DDS, MOUTH, NONE, 0.3),
    # fixed prosthodontics
    _c("D6210", "PontG", "Bridge tooth, gold", 1350.0, 30, DDS, TOOTH, BRG_DK, 0.1),
    _c("D6240", "PontPFM", "Bridge tooth, porcelain-on-gold", 1300.0, 30, DDS, TOOTH, BRG_LT, 0.3),
    _c("D6241", "PontPFB", "Bridge tooth, porcelain-on-metal", 1150.0, 30, DDS, TOOTH, BRG_LT, 0.2),
    _c("D6245", "PontC", "Bridge tooth, ceramic", 1300.0, 30, DDS, TOOTH, BRG_LT, 0.7),
    _c("D6545", "MaryM", "Bonded bridge wing, metal", 650.0, 60, DDS, TOOTH, BRG_DK, 0.0),
    _c("D6548", "MaryC", "Bonded bridge wing, ceramic", 750.0, 60, DDS, TOOTH, BRG_LT, 0.1),
    _c("D6740", "AbtC", "Bridge anchor crown, ceramic", 1300.0, 90, DDS, TOOTH, BRG_LT, 0.7),
    _c("D6750", "AbtPFM", "Bridge anchor, porcelain-on-gold", 1350.0, 90, DDS, TOOTH, BRG_LT, 0.4),
    _c("D6751", "AbtPFB", "Bridge anchor, porcelain-on-metal", 1150.0, 90, DDS, TOOTH, BRG_LT, 0.2),
    _c("D6790", "AbtG", "Bridge anchor crown, gold", 1400.0, 90, DDS, TOOTH, BRG_DK, 0.1),
    _c("D6930", "RCBrdg", "Re-cement bridge", 175.0, 30, DDS, RANGE, NONE, 0.3),
    _c("D6980", "BrdgRep", "Bridge repair", 350.0, 40, DDS, RANGE, NONE, 0.1),
    # oral and maxillofacial surgery
    _c("D7111", "ExtPrim", "Remove baby tooth remnant", 140.0, 20, DDS, TOOTH, EXT, 1.0),
    _c("D7140", "Ext", "Simple extraction", 210.0, 30, DDS, TOOTH, EXT, 7.0),
    _c("D7210", "ExtSurg", "Surgical extraction", 360.0, 40, DDS, TOOTH, EXT, 3.0),
    _c("D7220", "ImpST", "Impacted tooth removal, gum only", 420.0, 40, DDS, TOOTH, EXT, 0.5),
    _c("D7230", "ImpPB", "Impacted tooth removal, part bone", 520.0, 60, DDS, TOOTH, EXT, 0.5),
    _c("D7240", "ImpFB", "Impacted tooth removal, full bone", 620.0, 60, DDS, TOOTH, EXT, 0.3),
    _c("D7250", "RootRem", "Leftover root removal", 350.0, 40, DDS, TOOTH, EXT, 0.4),
    _c("D7286", "Biopsy", "Soft tissue biopsy", 400.0, 30, DDS, MOUTH, NONE, 0.2),
    _c("D7310", "Alvplx4", "Ridge smoothing, 4+ teeth", 350.0, 30, DDS, QUAD, NONE, 0.3),
    _c("D7311", "Alvplx1", "Ridge smoothing, 1-3 teeth", 250.0, 30, DDS, QUAD, NONE, 0.3),
    _c("D7510", "I&D", "Drain a gum abscess", 250.0, 30, DDS, TOOTH, NONE, 0.3),
    _c("D7880", "TMJSplt", "Jaw joint splint", 900.0, 30, DDS, ARCH, NONE, 0.1),
    _c("D7921", "PRF", "Patient's own blood-derived graft", 350.0, 20, DDS, TOOTH, NONE, 0.2),
    _c("D7953", "SockGrf", "Socket bone graft", 550.0, 30, DDS, TOOTH, NONE, 1.5),
    _c("D7960", "Frenect", "Frenum release", 450.0, 30, DDS, MOUTH, NONE, 0.2),
    # orthodontics
    _c("D8040", "OrthoLtd", "Limited adult orthodontics", 3500.0, 60, DDS, MOUTH, NONE, 0.2),
    _c("D8080", "OrthoTn", "Full orthodontics, teen", 6000.0, 60, DDS, MOUTH, NONE, 0.2),
    _c("D8090", "OrthoAd", "Full orthodontics, adult", 6200.0, 60, DDS, MOUTH, NONE, 0.5),
    _c("D8660", "OrthoEv", "Orthodontic records visit", 150.0, 30, DDS, MOUTH, NONE, 0.5),
    _c("D8670", "OrthoAdj", "Orthodontic check visit", 175.0, 20, DDS, MOUTH, NONE, 1.0),
    _c("D8680", "OrthoRet", "Retainers after orthodontics", 450.0, 30, DDS, MOUTH, NONE, 0.3),
    # adjunctive general services
    _c("D9110", "Pallia", "Emergency pain relief", 125.0, 20, DDS, MOUTH, NONE, 3.0),
    _c("D9215", "Anest", "Local anesthetic", 45.0, 10, DDS, MOUTH, NONE, 0.5),
    _c("D9222", "GA15", "General anesthesia, first 15 min", 350.0, 20, DDS, MOUTH, NONE, 0.0),
    _c("D9230", "N2O", "Laughing gas", 85.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D9239", "IVSed15", "IV sedation, first 15 min", 350.0, 20, DDS, MOUTH, NONE, 0.1),
    _c("D9310", "Consult", "Second-opinion consult", 125.0, 30, DDS, MOUTH, NONE, 0.5),
    _c("D9430", "OfcVis", "Observation visit", 60.0, 10, DDS, MOUTH, NONE, 0.5),
    _c("D9440", "AftHrs", "After-hours visit", 150.0, 20, DDS, MOUTH, NONE, 0.2),
    _c("D9910", "Desens", "Desensitizing medicine", 55.0, 10, HYG, MOUTH, NONE, 2.0),
    _c("D9911", "DesensR", "Desensitizing bonding, per tooth", 75.0, 10, DDS, TOOTH, NONE, 0.3),
    _c("D9944", "NGHard", "Hard night guard", 650.0, 30, DDS, ARCH, NONE, 1.0),
    _c("D9945", "NGSoft", "Soft night guard", 350.0, 20, DDS, ARCH, NONE, 0.2),
    _c("D9951", "OcclAdj", "Bite adjustment, limited", 175.0, 20, DDS, MOUTH, NONE, 0.3),
    _c("D9972", "BleachO", "In-office whitening, per arch", 400.0, 90, DDS, ARCH, NONE, 0.2),
    _c("D9975", "BleachH", "Take-home whitening trays, per arch", 250.0, 30, DDS, ARCH, NONE, 0.5),
    _c("D9986", "Missed", "Missed appointment", 0.0, 10, DDS, MOUTH, NONE, 4.0),
    _c("D9987", "Cancel", "Cancelled appointment", 0.0, 10, DDS, MOUTH, NONE, 2.0),
    _c("D9995", "TeleSync", "Video visit", 60.0, 10, DDS, MOUTH, NONE, 0.1),
)
