"""The wording JAR reports share: their headings, grade labels and stock phrases.

The reader recognises a report's structure by these words, never by line
numbers, so a new variant of a phrase is added here and every step that looks
for it follows.
"""

from __future__ import annotations

import re

GRADE = r"(outstanding|excellent|very good|good|adequate|satisfactory|inadequate)"
"""A grade word as JARs, APA letters and corporate assessments print it (a regex group)."""

# Headings every JAR of the 2007 methodology prints, as (pattern, role).
HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), role) for p, role in [
        (r"introduction", "introduction"),
        (r"context", "context"),
        (r"main findings", "main-findings"),
        (r"grades", "grades"),
        (r"recommendations", "recommendations"),
        (r"equality and diversity", "equality"),
        (r"safeguarding", "safeguarding"),
        (r"looked after children(?: and young people)?", "looked-after-children"),
        (r"(?:children and young people with )?learning difficulties and(?:/or)? disabilities",
         "learning-difficulties-and-disabilities"),
        (r"areas for investigation through fieldwork during the joint area review",
         "fieldwork-areas"),
        # the outcome sections of the earlier (2005) methodology: read as passages
        (r"being healthy|staying safe|enjoying and achieving|making a positive contribution"
         r"|achieving economic well-?being", "outcome-area"),
        (r"other issues identified for further investigation|additional investigations?",
         "investigations"),
        (r"an investigation into .+", "investigation"),
        (r"service management(?: and capacity to improve)?", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
        (r"annex [a-z](?:\s*[:.\-–]\s*.*)?", "annex"),
    ]
]

# Sections whose tab rows a reader consumes (the grades table, annex tables).
ROW_READERS = ("grades", "annex", "annex-part")
# Roles of the sections that grade a core judgement area.
CORE_ROLES = ("safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
              "service-management", "capacity-to-improve")

# Grades-table row labels -> judgement-area keys.
GRADE_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"safeguarding", "safeguarding"),
        (r"looked after", "looked-after-children"),
        (r"learning difficult", "learning-difficulties-and-disabilities"),
        (r"service management|management of services", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
        (r"being healthy|be healthy", "being-healthy"),
        (r"staying safe|stay safe", "staying-safe"),
        (r"enjoying and achieving|enjoy and achieve", "enjoying-and-achieving"),
        (r"positive contribution", "making-a-positive-contribution"),
        (r"economic well-?being", "achieving-economic-well-being"),
    ]
]

# Main-findings bullets: phrases that name a core judgement area.
CORE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"safeguard", "safeguarding"),
        (r"looked after", "looked-after-children"),
        (r"learning difficult", "learning-difficulties-and-disabilities"),
        (r"service management|management of services", "service-management"),
        (r"capacity to improve", "capacity-to-improve"),
    ]
]

# Council-level judgements stated in words (APA letter, corporate assessment):
# the subject of "... is good" names the area. Order matters: the first match wins
# for "overall contribution", which also mentions outcomes.
COUNCIL_SUBJECTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"\boverall contribution\b", "council-overall-contribution"),
        (r"^(?:the )?outcomes for children and young people\b",
         "outcomes-for-children-and-young-people"),
        (r"\bservice management\b|\bmanagement of (?:children's )?services\b",
         "service-management"),
        (r"\bcapacity\b.*\bto improve\b", "council-capacity-to-improve"),
        (r"\b(?:being|be) healthy\b|\bhealth of children and young people\b", "being-healthy"),
        (r"\bstay(?:ing)? safe\b|\bkeep(?:ing)? children(?: and young people)? safe\b"
         r"|\bappear safe\b", "staying-safe"),
        (r"\benjoy\w*\b.*\bachiev", "enjoying-and-achieving"),
        (r"\bpositive contribution\b|\bcontribute to society\b",
         "making-a-positive-contribution"),
        (r"\beconomic well-?being\b", "achieving-economic-well-being"),
    ]
]
EXCLUSIVE = ("council-overall-contribution", "outcomes-for-children-and-young-people")

# The APA's descriptor of the overall grade (LSIF scale), in its usual wordings.
LSIF: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"delivers? services .*?\bat an? " + GRADE + r" level", re.I), 0),
    (re.compile(r"delivers? services .*?well above minimum requirements", re.I), 4),
    (re.compile(r"consistently delivers? services .*?above minimum requirements", re.I), 3),
    (re.compile(r"delivers? services .*?only (?:at )?minimum requirements", re.I), 2),
    (re.compile(r"(?:does not|fails to) deliver .*?minimum requirements", re.I), 1),
]

# Additional-investigation categories from title keywords, first rule wins.
# School improvement comes before standards ("support and challenge schools in
# raising attainment" is about school improvement), NEET before 14-19.
INVESTIGATION_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), key) for p, key in [
        (r"\bcamhs\b|mental health", "camhs"),
        (r"teenage (?:conception|pregnanc)|sexual health", "teenage-conceptions-and-sexual-health"),
        (r"substance misuse|\bdrugs?\b|\balcohol\b", "substance-misuse"),
        (r"not in (?:employment|education)|\bneet\b", "not-in-education-employment-or-training"),
        (r"\b1[34]\s*(?:-|–|to)\s*19\b", "14-19-strategy"),
        (r"support and challenge|challenge and support|school improvement",
         "school-improvement"),
        (r"\bstandards\b|achievement|attainment|key stages?", "standards-and-achievement"),
        (r"vulnerable|young carers|minority ethnic|travellers?|asylum|young offenders"
         r"|disadvantaged", "vulnerable-groups"),
        (r"health|hospital|immuni[sz]ation|obesity|dental", "health-investigation"),
        (r"education|school|learning|training|attendance|exclusion", "education-investigation"),
    ]
]

# Addressees whose own name holds an "and": a list of addressees is not split there.
PROTECTED_NAMES = ("Learning and Skills Council", "Children and Young People's",
                   "Health and Social Care", "Education and Training")
# Title-page lines that name an inspectorate taking part in the review.
INSPECTORATE = re.compile(r"commission|inspectorate|ofsted|estyn", re.I)
# Recommendation headings ("For action over the next six months") -> timeframe keys.
TIMEFRAMES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"immediate", re.I), "immediate"),
    (re.compile(r"six months|6 months", re.I), "within-six-months"),
    (re.compile(r"longer term|long term|longer-term", re.I), "longer-term"),
]
# Words left out of an investigation's key, so it is made of the title's own words.
KEY_FILLER = frozenset("the of a an to for and with who are is local services children young "
                       "people".split())
# Words left out when matching a main-findings bullet to an investigation title.
STOP = frozenset("the and for with who are is was were its their local services service "
                 "contribution impact children young people improving outcomes make makes "
                 "made provided into between into that this".split())

# The names of the core judgement sections, as the reader's warnings give them.
SECTION_NAMES = {
    "safeguarding": "Safeguarding",
    "looked-after-children": "Looked after children and young people",
    "learning-difficulties-and-disabilities":
        "Children and young people with learning difficulties and/or disabilities",
    "service-management": "Service management",
    "capacity-to-improve": "Capacity to improve",
}
