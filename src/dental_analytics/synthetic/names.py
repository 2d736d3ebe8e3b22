"""Word lists for people, places and companies. Combinations, not real people."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FIRST_FEMALE = (
    "Olivia Emma Charlotte Amelia Sophia Mia Isabella Ava Evelyn Luna Harper Sofia Camila Eleanor "
    "Elizabeth Violet Scarlett Emily Hazel Lily Gianna Aurora Penelope Aria Nora Chloe Ellie Mila "
    "Avery Layla Abigail Ella Isla Eliana Nova Madison Zoe Ivy Grace Lucy Willow Emilia Riley Naomi "
    "Victoria Stella Elena Hannah Valentina Maya Zoey Delilah Leah Lainey Lillian Paisley Genesis "
    "Madelyn Sadie Sophie Leilani Addison Natalie Josephine Alice Ruby Claire Kinsley Everly Emery "
    "Adeline Kennedy Maeve Audrey Autumn Athena Eden Iris Anna Eloise Jade Maria Caroline Brooklyn "
    "Quinn Aaliyah Vivian Liliana Gabriella Hailey Sarah Savannah Cora Madeline Bailey Margaret "
    "Linda Patricia Barbara Susan Karen Nancy Betty Sandra Donna Carol Ruth Sharon Michelle Laura"
).split()
FIRST_MALE = (
    "Liam Noah Oliver James Elijah Mateo Theodore Henry Lucas William Benjamin Levi Sebastian Jack "
    "Ezra Michael Daniel Leo Owen Samuel Hudson Alexander Asher Luca Ethan John David Jackson Joseph "
    "Mason Luke Matthew Julian Dylan Elias Jacob Maverick Gabriel Logan Aiden Thomas Isaac Miles "
    "Grayson Santiago Anthony Wyatt Carter Jayden Ezekiel Caleb Cooper Josiah Charles Christopher "
    "Isaiah Nolan Cameron Nathan Joshua Kai Waylon Angel Lincoln Andrew Roman Adrian Aaron Wesley "
    "Ian Thiago Axel Brooks Bennett Weston Rowan Christian Theo Beau Eli Silas Jonathan Ryan Leonardo "
    "Walker Jaxon Micah Everett Robert Enzo Parker Jeremiah Jose Colton Richard Mark Donald Steven "
    "Paul Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Gary Eric Stephen Larry"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips "
    "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers "
    "Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson "
    "Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders "
    "Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler "
    "Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton "
    "Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina "
    "Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington "
    "Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter"
).split()
STREET = (
    "Oak Maple Cedar Pine Elm Birch Willow Aspen Spruce Alder Juniper Hawthorne Lincoln Jefferson "
    "Madison Washington Franklin Jackson Park Lake Hill River Forest Meadow Sunset Highland Ridge "
    "Valley Orchard Garden Harbor Mill Church School Market Union Spring Summit Fairview Greenwood"
).split()
STREET_KIND = ("St", "Ave", "Rd", "Dr", "Ln", "Ct", "Way", "Blvd", "Pl", "Ter")
# The practice's area: (city, zip) pairs in one metropolitan region.
CITIES = (
    ("Portland", "97201"), ("Portland", "97202"), ("Portland", "97205"), ("Portland", "97206"),
    ("Portland", "97209"), ("Portland", "97211"), ("Portland", "97212"), ("Portland", "97214"),
    ("Portland", "97217"), ("Portland", "97219"), ("Portland", "97220"), ("Portland", "97223"),
    ("Portland", "97229"), ("Portland", "97230"), ("Portland", "97232"), ("Portland", "97266"),
    ("Beaverton", "97005"), ("Beaverton", "97006"), ("Beaverton", "97007"), ("Beaverton", "97008"),
    ("Hillsboro", "97123"), ("Hillsboro", "97124"), ("Gresham", "97030"), ("Gresham", "97080"),
    ("Tigard", "97224"), ("Lake Oswego", "97034"), ("Lake Oswego", "97035"), ("Tualatin", "97062"),
    ("Milwaukie", "97222"), ("Oregon City", "97045"), ("West Linn", "97068"), ("Happy Valley", "97086"),
    ("Clackamas", "97015"), ("Sherwood", "97140"), ("Wilsonville", "97070"), ("Troutdale", "97060"),
    ("Forest Grove", "97116"), ("Canby", "97013"), ("Fairview", "97024"), ("Wood Village", "97060"),
)
STATE = "OR"
AREA_CODES = ("503", "971")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com")
COMPANY_WORDS = (
    "Cascade Columbia Willamette Rose Summit Pioneer Evergreen Northwest Pacific Harbor Timberline "
    "Riverbend Bridgeview Crown Beacon Keystone Lighthouse Meridian Horizon Granite"
).split()
COMPANY_KINDS = (
    "Logistics", "Health Partners", "Credit Union", "Software", "Manufacturing", "School District",
    "Builders", "Foods", "Engineering", "Hospital", "Energy", "Retail Group", "Outfitters",
    "Transit", "Bank", "Insurance Services", "Media", "Labs", "Construction", "Apparel",
)

Strings = npt.NDArray[np.object_]


def pick(rng: np.random.Generator, words: tuple[str, ...] | list[str], n: int) -> Strings:
    return np.asarray(words, dtype=object)[rng.integers(0, len(words), n)]


def phone_numbers(rng: np.random.Generator, n: int) -> Strings:
    """(503)555-01xx style numbers: 555-01xx is the range reserved for fiction."""
    area = pick(rng, AREA_CODES, n)
    tail = rng.integers(100, 200, n)
    return np.array([f"({a})555-0{t:03d}" for a, t in zip(area, tail, strict=True)], dtype=object)


def street_addresses(rng: np.random.Generator, n: int) -> Strings:
    number = rng.integers(100, 19999, n)
    street = pick(rng, STREET, n)
    kind = pick(rng, STREET_KIND, n)
    return np.array(
        [f"{a} {s} {k}" for a, s, k in zip(number, street, kind, strict=True)], dtype=object
    )


def join(sep: str, *parts: Strings) -> Strings:
    """Element-wise string join of equal-length object arrays."""
    out = parts[0].astype(str)
    for part in parts[1:]:
        out = np.char.add(np.char.add(out, sep), part.astype(str))
    return out.astype(object)
