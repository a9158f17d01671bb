"""A realistic synthetic corpus of joint area review reports, for benchmarks and scale tests.

Why this module is long: one report has some twenty parts (title page, main findings,
grades, recommendations, three core sections, investigations, service management, the APA
letter, the corporate assessment ...), each written here from its plan.

Each synthetic report is the text of a JAR report of the 2007 methodology, as the real
ones are printed, so the real readers read it and the real build converts, validates and
loads it. Reports vary as real ones do:

- grades are drawn, per judgement area, from the national distributions that the national
  report on outcomes prints (read from it by its own reader), for the period the report's
  date falls in or the nearest one printed;
- one to three additional investigations (1.5 a review on average, as nationally), their
  subject drawn in the national proportions and graded from that subject's distribution;
- strengths, weaknesses, recommendations and body paragraphs drawn from every seed
  document (the JAR reports, the council's report and the two national reports), so
  themes, services and addressees differ from report to report;
- the APA letter and the corporate assessment of the same authority (for the year before
  the review and its own year), and now and then an enhanced youth inspection, as annexes.
  The national reports print no counts of APA or corporate assessment grades: those are
  drawn from the JAR distribution of the nearest judgement area (:data:`COUNCIL_PROXY`).

Areas cycle through the authorities of the reference table, each round a year later,
skipping any area and year that the seed documents already review, so every review has
its own URI. Everything is drawn from ``random.Random(seed)``: the same count and seed
give the same texts. The seed documents are not copied: build the corpus beside them
(``jargraph build --data OUT``).

    python benchmarks/synthetic.py 1000 /tmp/corpus          # writes /tmp/corpus/*.txt
    python benchmarks/synthetic.py 1000 /tmp/corpus --seed 7
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jargraph import uris
from jargraph.encode import matcher
from jargraph.model import Document
from jargraph.readers import read_document
from jargraph.readers.text import split_sentences
from jargraph.resources import data_dir, reports_dir

FIRST_YEAR = 2007
WORDS = {4: "outstanding", 3: "good", 2: "adequate", 1: "inadequate"}
CORE = ("safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
        "service-management", "capacity-to-improve")
COUNCIL_PROXY = {
    "council-overall-contribution": "service-management",
    "council-capacity-to-improve": "capacity-to-improve",
    "outcomes-for-children-and-young-people": "service-management",
    "being-healthy": "learning-difficulties-and-disabilities",
    "staying-safe": "safeguarding",
    "enjoying-and-achieving": "looked-after-children",
    "making-a-positive-contribution": "learning-difficulties-and-disabilities",
    "achieving-economic-well-being": "looked-after-children",
    "service-management": "service-management",
    "youth": "service-management",
}
"""Council-level judgement -> the JAR judgement area whose national distribution it is
drawn from (the national reports print none for APAs and corporate assessments)."""
INVESTIGATIONS = {
    "camhs": ["the contribution of local services to improving outcomes through child and "
              "adolescent mental health services",
              "the effectiveness of child and adolescent mental health services (CAMHS)"],
    "teenage-conceptions-and-sexual-health": [
        "the impact of local services in reducing teenage conceptions and improving sexual "
        "health"],
    "substance-misuse": ["the contribution of local services to reducing substance misuse by "
                         "young people"],
    "14-19-strategy": ["the impact of the 14-19 strategy in improving outcomes for young people",
                       "the contribution of local services to 14-19 education and training"],
    "school-improvement": ["the contribution of local services to support and challenge "
                           "schools in raising attainment"],
    "standards-and-achievement": [
        "the contribution of services to the enjoyment and achievement of children and young "
        "people between Key Stage 3 and Key Stage 4",
        "the contribution of local services to raising standards at Key Stage 2"],
    "other-investigation": [
        "the impact of local services in reducing the number of young people not in "
        "employment, education and training",
        "the contribution of local services to improving outcomes for young carers",
        "the contribution of local services to improving outcomes for children and young "
        "people from minority ethnic groups",
        "the contribution of local services to reducing childhood obesity"],
}
"""Investigation subjects by the national report's category, with titles as JARs word them."""
INVESTIGATION_COUNTS = (0.55, 0.38, 0.07)
"""Chances of one, two or three investigations: 1.5 a review, as the 111 of 73 reviews."""
ANNEX_NAMES = {"apa": "The APA letter", "youth": "Summary of the Enhanced Youth Inspection "
               "Report", "ca": "Children and young people's section of the corporate "
               "assessment report", "arrangements": "Summary of joint area review and annual "
               "performance assessment arrangements"}
MONTHS = ("January February March April May June July August September October November "
          "December").split()
DISSEMINATE = ("The local partnership should ensure that an appropriate way is found to "
               "successfully disseminate the findings of this report to children and young "
               "people in the area.")
_GRADED = re.compile(r"\b(outstanding|excellent|very good|good|adequate|satisfactory|"
                     r"inadequate)\b", re.I)


# ---------------------------------------------------------------- what the seed gives


@dataclass
class Pools:
    """Everything drawn from the seed documents, read by the real readers."""

    distributions: dict[str, list[tuple[str, dict[int, int]]]]
    """Judgement area or investigation category -> [(period, grade -> count)]."""
    shares: dict[str, int]
    """Investigation category -> how many investigations nationally."""
    strengths: dict[str, list[str]]
    weaknesses: dict[str, list[str]]
    recommendations: list[str]
    paragraphs: dict[str, list[str]]
    fillers: list[str]
    """Sentences that grade nothing, for annexes (which are read sentence by sentence)."""
    seed_areas: dict[str, str]
    """Area names the seed reports use -> the placeholder ``{area}``."""
    taken: set[str]
    """Review URIs of the seed documents: no synthetic review may take one."""


def _single(text: str) -> bool:
    """A finding that reads back as itself from a table cell: one sentence, capitalised."""
    text = text.strip()
    return (bool(text) and text[0].isupper() and len(split_sentences(text)) == 1
            and "\t" not in text and "<" not in text and len(text) < 300)


def _finding_pool(key: str | None) -> str:
    """The pool a seed finding goes to, by the judgement area of its table."""
    return {None: "any", "staying-safe": "safeguarding", "capacity-to-improve":
            "service-management"}.get(key, key if key in CORE else "investigation")


def _section_pool(section: str) -> str | None:
    name = section.lower()
    for pattern, pool in (("safeguard", "safeguarding"), ("looked after", "looked-after-children"),
                          ("learning difficult", "learning-difficulties-and-disabilities"),
                          ("service management", "service-management"),
                          ("equality", "equality"), ("context", None), ("annex", None),
                          ("introduction", None), ("main finding", None)):
        if pattern in name:
            return pool
    return "investigation"


@lru_cache(maxsize=1)
def seed_pools() -> Pools:
    """Read every bundled document once and sort what it gives into pools."""
    docs: list[Document] = [read_document(p) for p in sorted(reports_dir().glob("*.txt"))]
    pools = Pools({}, {}, defaultdict(list), defaultdict(list), [], defaultdict(list), [], {},
                  set())
    for doc in docs:
        for dist in doc.distributions:
            for (key, grade), count in dist.counts.items():
                found = next((c for p, c in pools.distributions.get(key, [])
                              if p == dist.period), None)
                if found is None:
                    found = {}
                    pools.distributions.setdefault(key, []).append((dist.period or "", found))
                found[grade] = max(found.get(grade, 0), count)
            if dist.key in INVESTIGATIONS:
                pools.shares[dist.key] = dist.total
        for review in doc.reviews:
            pools.taken.add(str(uris.review(review.kind, uris.slug(review.area), review.year)))
            if doc.family == "jar-report":
                pools.seed_areas[review.area] = "{area}"
        findings = doc.findings + [f for r in doc.reviews for f in r.findings]
        for finding in findings:
            pool = pools.strengths if finding.kind == "strength" else (
                pools.weaknesses if finding.kind in ("weakness", "area-for-development") else None)
            if pool is not None and _single(finding.text):
                pool[_finding_pool(finding.area_key)].append(finding.text.strip())
        recommendations = doc.recommendations + [x for r in doc.reviews
                                                 for x in r.recommendations]
        known = matcher("addressees")
        for rec in recommendations:
            if not rec.addressees or any(known.best(a.rstrip(":").strip()) is None
                                         for a in rec.addressees):
                continue  # its addressees would be warned about, as unknown
            text = " ".join(rec.text.split()).rstrip(".;") + "."
            if " should " not in text and rec.addressees:
                text = f"{rec.addressees[0]} should {text}"
            if re.match(r"^[A-Z][^.]* should [a-z]", text) and text != DISSEMINATE:
                pools.recommendations.append(text)
        if doc.family != "jar-report" and doc.family != "national-outcomes":
            continue
        for passage in doc.passages:
            text = " ".join((passage.text or "").split())
            if (not passage.paragraph or len(text) < 200 or "\t" in text or "<" in text
                    or text.endswith(":") or "*" in text):
                continue
            pool = _section_pool(passage.section or "")
            if pool is not None:
                pools.paragraphs[pool].append(text)
            pools.fillers.extend(s for s in split_sentences(text)
                                 if not _GRADED.search(s) and 60 < len(s) < 250
                                 and not re.search(r"annual performance|\bAPA\b|joint area|"
                                                   r"\bJAR\b|deliver", s, re.I))
    for pool in (pools.strengths, pools.weaknesses):
        for key, texts in pool.items():
            pool[key] = sorted(set(texts))
    pools.recommendations = sorted(set(pools.recommendations))
    pools.fillers = sorted(set(pools.fillers))
    return pools


def authorities() -> list[tuple[str, str]]:
    """(name, DfE code) of every authority that existed through the review period and
    after it, since synthetic reviews run on past 2009 (a review of Bedfordshire in 2010,
    abolished in 2009, would rightly fail validation)."""
    with open(data_dir() / "reference" / "local-authorities.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["name"], row["dfe_la_code"]) for row in rows
            if row["in_service"].startswith("2005") and not row["in_service"].endswith("2009")
            and "," not in row["name"]]


# ---------------------------------------------------------------- one report's plan


@dataclass
class Investigation:
    title: str
    category: str
    grade: int


@dataclass
class Plan:
    """What one synthetic report states; its text is written from this alone."""

    number: int
    area: str
    code: str
    year: int
    published: tuple[int, int]
    """Day and month of publication."""
    grades: dict[str, int]
    investigations: list[Investigation]
    strengths: dict[str, list[str]]
    weaknesses: dict[str, list[str]]
    recommendations: dict[str, list[str]]
    apa: dict[str, int]
    corporate: dict[str, int]
    youth: dict[str, int] | None = None
    tabbed: bool = False
    """Strengths tables as rows of tab-separated cells (else ``<p>`` cells, one row)."""
    paragraphs: dict[str, list[str]] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return f"jar-{uris.slug(self.area)}-{self.year}-synthetic"

    @property
    def spoken(self) -> str:
        """The area's name in running text: no full stop ("St Helens"), as reports print
        it, which would end a sentence."""
        return self.area.replace(".", "")

    @property
    def council(self) -> str:
        return f"{self.spoken} Council"


def draw(rng: random.Random, pools: Pools, key: str, year: int) -> int:
    """A grade for ``key`` from its national distribution nearest to ``year``."""
    periods = pools.distributions.get(key) or pools.distributions["service-management"]
    _, counts = min(periods, key=lambda pc: abs(int(pc[0][:4] or year) - year))
    grades = sorted(g for g, n in counts.items() if n > 0)
    return rng.choices(grades, weights=[counts[g] for g in grades])[0]


def _pick(rng: random.Random, texts: list[str], count: int, used: set[str]) -> list[str]:
    free = [t for t in texts if t not in used]
    chosen = rng.sample(free, min(count, len(free)))
    used.update(chosen)
    return chosen


def _findings(rng: random.Random, pools: Pools, key: str, grade: int,
              used: set[str]) -> tuple[list[str], list[str]]:
    """Strengths and weaknesses for a section: more strengths for a better grade."""
    strong = max(2, rng.randint(3, 6) + grade - 2)
    weak = max(0 if grade == 4 else 1, rng.randint(1, 4) - grade + 2)
    pool = "investigation" if key not in CORE else (
        "service-management" if key == "capacity-to-improve" else key)
    strengths = _pick(rng, pools.strengths[pool] + pools.strengths["any"], strong, used)
    weaknesses = _pick(rng, pools.weaknesses[pool] + pools.weaknesses["any"], weak, used)
    return strengths, weaknesses


def plan_report(rng: random.Random, pools: Pools, number: int, area: str, code: str,
                year: int) -> Plan:
    """Draw everything one report states."""
    grades = {key: draw(rng, pools, key, year) for key in CORE}
    count = rng.choices((1, 2, 3), weights=INVESTIGATION_COUNTS)[0]
    categories = sorted(INVESTIGATIONS)
    titles: list[Investigation] = []
    while len(titles) < count:
        category = rng.choices(categories, weights=[pools.shares.get(c, 1)
                                                    for c in categories])[0]
        title = rng.choice(INVESTIGATIONS[category])
        if all(t.title != title for t in titles):
            titles.append(Investigation(title, category, draw(rng, pools, category, year)))
    used: set[str] = set()
    strengths, weaknesses = {}, {}
    for key in ("safeguarding", "looked-after-children", "learning-difficulties-and-disabilities",
                *(f"investigation-{n}" for n in range(len(titles))), "service-management"):
        grade = grades.get(key) or titles[int(key.rsplit("-", 1)[1])].grade
        strengths[key], weaknesses[key] = _findings(rng, pools, key, grade, used)
    recs = {"immediate": [DISSEMINATE, *_pick(rng, pools.recommendations,
                                               rng.randint(0, 2), used)],
            "within-six-months": _pick(rng, pools.recommendations, rng.randint(3, 7), used),
            "longer-term": _pick(rng, pools.recommendations, rng.randint(1, 3), used)}
    council = {key: draw(rng, pools, proxy, year - 1) for key, proxy in COUNCIL_PROXY.items()}
    apa = {k: council[k] for k in ("council-overall-contribution", "council-capacity-to-improve",
                                   "being-healthy", "staying-safe", "enjoying-and-achieving",
                                   "making-a-positive-contribution",
                                   "achieving-economic-well-being")}
    corporate = {k: draw(rng, pools, COUNCIL_PROXY[k], year) for k in (
        "outcomes-for-children-and-young-people", "service-management", "being-healthy",
        "staying-safe", "enjoying-and-achieving", "making-a-positive-contribution",
        "council-capacity-to-improve")}
    youth = None
    if rng.random() < 0.2:
        youth = {k: draw(rng, pools, "service-management", year) for k in
                 ("achievement", "practice", "curriculum", "leadership")}
    paragraphs = {key: rng.sample(texts, min(len(texts), rng.randint(3, 6)))
                  for key, texts in sorted(pools.paragraphs.items())}
    figures = {"population": rng.randrange(80_000, 1_300_000, 1000),
               "rank": rng.randint(1, 354), "minority": rng.randint(2, 45),
               "unemployment": rng.randint(12, 68), "settings": rng.randint(60, 900),
               "centres": rng.randint(2, 30), "primary": rng.randint(20, 320),
               "secondary": rng.randint(5, 80), "special": rng.randint(1, 16),
               "carers": rng.randint(60, 900), "homes": rng.randint(1, 25),
               "teams": rng.randint(3, 30)}
    first_month = 5 if year == FIRST_YEAR else 1  # the 2007 methodology began in April 2007
    published = (rng.randint(1, 28), rng.randint(first_month, 12))
    return Plan(number, area, code, year, published, grades,
                titles, strengths, weaknesses, recs, apa, corporate, youth,
                tabbed=rng.random() < 0.5, paragraphs=paragraphs, figures=figures)


def plan_corpus(count: int, seed: int = 1) -> list[Plan]:
    """``count`` plans: areas in a shuffled cycle, a year later each round, skipping
    any area and year whose reviews the seed documents already hold."""
    pools = seed_pools()
    rng = random.Random(seed)
    areas = authorities()
    rng.shuffle(areas)
    plans: list[Plan] = []
    slot = 0
    while len(plans) < count:
        area, code = areas[slot % len(areas)]
        year = FIRST_YEAR + slot // len(areas)
        slot += 1
        slug = uris.slug(area)
        mine = {str(uris.review(kind, slug, y)) for kind, y in
                (("jar", year), ("apa", year - 1), ("corporate-assessment", year),
                 ("enhanced-youth-inspection", year))}
        if mine & pools.taken:
            continue
        plans.append(plan_report(rng, pools, len(plans), area, code, year))
    return plans


# ---------------------------------------------------------------- writing one report


class Text:
    """The lines of a report being written, and its paragraph numbers."""

    def __init__(self, plan: Plan, seed_areas: list[str]) -> None:
        self.plan = plan
        self.seed_areas = sorted(seed_areas, key=len, reverse=True)
        self.lines: list[str] = []
        self.number = 0

    def __call__(self, *lines: str) -> None:
        self.lines.extend(lines)

    def para(self, text: str, items: list[str] | None = None) -> None:
        self.number += 1
        self(f"{self.number}. {self.local(text)}")
        self(*(f" - {self.local(item)}" for item in items or []))
        self("")

    def local(self, text: str) -> str:
        """Seed text with the seed's area names put back as this report's area."""
        for name in self.seed_areas:
            text = text.replace(name, self.plan.spoken)
        return text


def render(plan: Plan, pools: Pools) -> str:
    """The text of one report, as a JAR report of the 2007 methodology is printed."""
    out = Text(plan, list(pools.seed_areas))
    day, month = plan.published
    investigations = plan.investigations
    annexes = ["apa", *(["youth"] if plan.youth else []), "ca", "arrangements"]
    out("", "", "Joint area review", "", f"{plan.area} Children's Services Authority Area", "",
        "Review of services for children and young people", "", "Audit Commission",
        "Healthcare Commission", "Ofsted", "", "Age group: All", "",
        f"Published: {day} {MONTHS[month - 1]} {plan.year}", "", f"Reference no: {plan.code}",
        "", f"© Crown copyright {plan.year}", "", "Website: www.ofsted.gov.uk", "",
        "Contents", "", "Introduction\t2", "Context\t2", "Main findings\t3", "Grades\t5",
        "Recommendations\t5", "1. Safeguarding\t6", "2. Looked after children and young people\t9",
        "3. Children and young people with learning difficulties and/or disabilities\t12",
        "4. Additional investigations\t15", "5. Service management\t18",
        "6. Capacity to improve\t18",
        *(f"Annex {chr(65 + n)}: {ANNEX_NAMES[kind]}\t{22 + n}" for n, kind in
          enumerate(annexes)), "")
    grade = {k: WORDS[g] for k, g in plan.grades.items()}
    apa_words = {k: WORDS[g] for k, g in plan.apa.items()}
    out("Introduction", "")
    out.para("This report assesses the contribution of local services in ensuring the following "
             "for children and young people:",
             ["effective care for those at risk or requiring safeguarding",
              "the best possible outcomes for those who are looked after",
              "the best possible outcomes for those with learning difficulties and/or "
              "disabilities."])
    out.para(f"The most recent annual performance assessment for {plan.council} judged the "
             f"council's children's services as {apa_words['council-overall-contribution']} "
             f"and its capacity to improve as {apa_words['council-capacity-to-improve']}. "
             "This assessment and other sources of evidence led to the following additional "
             "areas being investigated:", [inv.title for inv in investigations])
    _context(out, plan)
    out("Main findings", "")
    out.para("The main findings of this joint area review are as follows:", [
        f"the arrangements for safeguarding children and young people are "
        f"{grade['safeguarding']}. {_sentence(plan, 'safeguarding')}",
        f"services make {_article(grade['looked-after-children'])} contribution to improving "
        f"outcomes for looked after children and young people.",
        f"services make {_article(grade['learning-difficulties-and-disabilities'])} "
        "contribution to improving outcomes for children and young people with learning "
        "difficulties and/or disabilities.",
        *(f"{inv.title} is {WORDS[inv.grade]}." for inv in investigations),
        f"service management is {grade['service-management']}. The capacity to improve "
        f"further is {grade['capacity-to-improve']}."])
    out("Grades", "", "4: outstanding; 3: good; 2: adequate; 1: inadequate", "",
        "\tLocal services overall")
    for label, key in (("Safeguarding", "safeguarding"),
                       ("Looked after children", "looked-after-children"),
                       ("Learning difficulties and/or disabilities",
                        "learning-difficulties-and-disabilities"),
                       ("Service management", "service-management"),
                       ("Capacity to improve", "capacity-to-improve")):
        out(f"{label}\t{plan.grades[key]}")
    out("", "Recommendations", "")
    for heading, timeframe in (("For immediate action", "immediate"),
                               ("For action over the next six months", "within-six-months"),
                               ("For action in the longer term", "longer-term")):
        out(heading, "", *(f"- {out.local(text)}" for text in plan.recommendations[timeframe]),
            "")
    out("Equality and diversity", "")
    for text in plan.paragraphs.get("equality", [])[:2]:
        out.para(text)
    sections = (
        ("Safeguarding", "safeguarding", "The contribution of local services to improving "
         "outcomes for children and young people at risk or requiring safeguarding is {}."),
        ("Looked after children and young people", "looked-after-children",
         "The contribution of local services to improving outcomes for looked after children "
         "and young people is {}."),
        ("Children and young people with learning difficulties and/or disabilities",
         "learning-difficulties-and-disabilities", "The contribution of local services to "
         "improving outcomes for children and young people with learning difficulties and/or "
         "disabilities is {}."))
    for heading, key, sentence in sections:
        out(heading, "", "Inadequate\tAdequate\tGood\tOutstanding", "")
        _section(out, plan, key, sentence.format(grade[key]), plan.paragraphs.get(key, []))
    out("Other issues identified for further investigation", "")
    for n, inv in enumerate(investigations):
        out(f"An investigation into {inv.title}", "")
        subject = inv.title[0].upper() + inv.title[1:]
        _section(out, plan, f"investigation-{n}", f"{subject} is {WORDS[inv.grade]}.",
                 plan.paragraphs.get("investigation", [])[n::3])
    out("Service management", "", "Capacity to improve", "")
    _section(out, plan, "service-management",
             f"The management of services for children and young people is "
             f"{grade['service-management']}. Capacity to improve further is "
             f"{grade['capacity-to-improve']}.", plan.paragraphs.get("service-management", []))
    for n, kind in enumerate(annexes):
        out(f"Annex {chr(65 + n)}", "")
        {"apa": _apa, "youth": _youth, "ca": _corporate, "arrangements": _arrangements}[kind](
            out, plan, pools)
    return "\n".join(out.lines) + "\n"


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _sentence(plan: Plan, key: str) -> str:
    texts = plan.paragraphs.get(key, [])
    sentences = split_sentences(texts[0]) if texts else []
    return next((s for s in sentences if not _GRADED.search(s)), "")


def _context(out: Text, plan: Plan) -> None:
    f = plan.figures
    rank = f["rank"]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    out("Context", "")
    out.para(f"{plan.spoken} has a population of approximately {f['population']:,} residents. "
             f"{plan.council} is ranked the {rank}{suffix} most deprived out of the 354 local "
             "authorities in England in the 2004 index of multiple deprivation. At "
             f"{f['unemployment'] / 10:.1f}% the unemployment rate is close to the national "
             "average. The majority of the population is White British, with "
             f"{f['minority']}% from non-white minority ethnic groups.")
    out.para("Pre-16 education provision comprises:",
             [f"{f['settings']} private or voluntary early years settings and {f['centres']} "
              "children's centres", f"{f['primary']} primary schools",
              f"{f['secondary']} secondary schools", f"{f['special']} special schools."])
    out.para("Children's social care services are provided through:",
             [f"{f['carers']} foster carers", f"{f['homes']} children's residential homes",
              f"{f['teams']} field social work teams."])


def _section(out: Text, plan: Plan, key: str, opening: str, body: list[str]) -> None:
    """A graded section: the bold grade sentence, body paragraphs, the findings table."""
    out.para(f"**{opening}**")
    for text in body:
        out.para(text)
    strengths, weaknesses = plan.strengths[key], plan.weaknesses[key]
    out("Major strengths\tImportant weaknesses")
    if plan.tabbed:
        for n in range(max(len(strengths), len(weaknesses))):
            left = strengths[n] if n < len(strengths) else ""
            right = weaknesses[n] if n < len(weaknesses) else ""
            out(f"{out.local(left)}\t{out.local(right)}".rstrip("\t"))
    else:
        out(" ".join(f"<p>{out.local(s)}</p>" for s in strengths) + "\t"
            + " ".join(f"<p>{out.local(w)}</p>" for w in weaknesses))
    out("")


def _fill(plan: Plan, pools: Pools, n: int, salt: int) -> str:
    rng = random.Random(plan.number * 7919 + salt)
    return " ".join(rng.sample(pools.fillers, n))


def _apa(out: Text, plan: Plan, pools: Pools) -> None:
    w = {k: WORDS[g] for k, g in plan.apa.items()}
    overall, capacity = plan.apa["council-overall-contribution"], plan.apa[
        "council-capacity-to-improve"]
    out(f"{plan.year - 1} ANNUAL PERFORMANCE ASSESSMENT OF SERVICES FOR CHILDREN AND YOUNG "
        f"PEOPLE IN {plan.council.upper()}", "", "Summary", "",
        "Areas for judgement\tGrade awarded",
        "The contribution of the local authority's children's services in maintaining and "
        f"improving outcomes for children and young people.\t{overall}",
        "The council's overall capacity to improve its services for children and young "
        f"people\t{capacity}", "",
        f"The overall contribution of the local authority's services to improving and "
        f"maintaining outcomes for children and young people is "
        f"{w['council-overall-contribution']}. {_fill(plan, pools, 2, 1)}", "",
        f"The contribution to children and young people being healthy is {w['being-healthy']}."
        f" The contribution to children and young people staying safe is {w['staying-safe']}. "
        f"{_fill(plan, pools, 1, 2)}", "",
        f"The contribution to children and young people enjoying and achieving is "
        f"{w['enjoying-and-achieving']}. The contribution to children and young people making "
        f"a positive contribution is {w['making-a-positive-contribution']}. The contribution "
        f"to children and young people achieving economic well-being is "
        f"{w['achieving-economic-well-being']}.", "",
        f"The council's capacity to improve its services further is "
        f"{w['council-capacity-to-improve']}. {_fill(plan, pools, 1, 3)}", "",
        "The full annual performance assessment can be found at:", "",
        f"http://www.ofsted.gov.uk/reports/pdf/?inspectionNumber={80000 + plan.number}"
        f"&providerCategoryID=0&fileName=\\\\APA\\apa_{plan.year - 1}_{plan.code}.pdf", "")


def _youth(out: Text, plan: Plan, pools: Pools) -> None:
    assert plan.youth is not None
    g = plan.youth
    out("Summary of the Enhanced Youth Inspection Report", "", "Main findings", "",
        f"- 1. The quality of youth work provided by the authority in {plan.spoken} is "
        f"{WORDS[g['practice']]}.", "", "Key aspect inspection grades", "",
        "\tKey Aspect\tGrade", f"1\tStandards of young people's achievement\t{g['achievement']}",
        f"\tQuality of youth work practice\t{g['practice']}",
        f"2\tQuality of curriculum and resources\t{g['curriculum']}",
        f"3\tLeadership and management\t{g['leadership']}", "", "Strengths", "",
        *(f"- {s}" for s in plan.strengths["service-management"][:3]), "",
        "Areas for development", "",
        *(f"- {s}" for s in plan.weaknesses["service-management"][:2] or
          ["Ensure part-time staff continue to gain suitable qualifications."]), "")


def _corporate(out: Text, plan: Plan, pools: Pools) -> None:
    w = {k: WORDS[g] for k, g in plan.corporate.items()}
    out("CORPORATE ASSESSMENT ACHIEVEMENT - CHILDREN AND YOUNG PEOPLE", "")
    for n, text in enumerate((
            f"Outcomes for children and young people in {plan.spoken} are "
            f"{w['outcomes-for-children-and-young-people']}.",
            f"Service management in {plan.spoken} is {w['service-management']}.",
            "The combined work of all local services in securing the health of children and "
            f"young people is {w['being-healthy']}.",
            "Children and young people appear safe and arrangements to ensure this are "
            f"{w['staying-safe']}.",
            "The impact of all local services in helping children and young people to enjoy "
            f"their education and to achieve well is {w['enjoying-and-achieving']}.",
            "The impact of all local services in helping children and young people to "
            "contribute to society and achieve economic well-being is "
            f"{w['making-a-positive-contribution']}.",
            f"The capacity of council services to improve is "
            f"{w['council-capacity-to-improve']}."), start=1):
        out(f"{n}. {text} {_fill(plan, pools, 2, 10 + n)}", "")


def _arrangements(out: Text, plan: Plan, pools: Pools) -> None:
    out("SUMMARY OF JOINT AREA REVIEW AND ANNUAL PERFORMANCE ASSESSMENT ARRANGEMENTS", "",
        "1. This joint area review was conducted using the arrangements required under section "
        "20 of the Children Act 2004. It was carried out by a multi-disciplinary team of "
        "inspectors from Ofsted, the Healthcare Commission and the Audit Commission.", "",
        f"2. This review describes the outcomes achieved by children and young people growing "
        f"up in {plan.spoken} and evaluates the way local services, taken together, contribute "
        "to their well-being.", "")


# ---------------------------------------------------------------- the corpus


def generate(count: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``count`` synthetic reports into ``out`` (``*.txt``); return their paths."""
    pools = seed_pools()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for plan in plan_corpus(count, seed):
        path = out / f"{plan.doc_id}.txt"
        path.write_text(render(plan, pools), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.count, args.out, args.seed)
    print(f"wrote {len(paths)} reports under {args.out}; build them beside the seed with "
          f"`jargraph build --data {args.out}`")


if __name__ == "__main__":
    main()
