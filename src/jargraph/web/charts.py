"""Charts of grades, drawn on the server as inline SVG by the ``chart`` macro.

For each judgement area a horizontal bar stacks how many areas nationally
were given each grade (from a national report's grade distribution); on an
area's page the area's own grade is outlined on the bar. Each chart carries
its figures as a table too, for screen readers and for copying.

Each chart is laid out twice: wide (labels beside the bars, 720 units) and
narrow (labels above the bars, 360 units), and the stylesheet shows the one
that fits, so that chart text stays about 13 px high on a phone as on a desk.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field, replace

from rdflib.term import Node

from ..terms import Shown, show_iri
from ..vocab import GRADES
from .reading import select, sparql_prefixes

CHART_WIDTH = 720
LABEL_WIDTH = 230
BAR_X = 240
BAR_WIDTH = 340
NOTE_X = 592
ROW_HEIGHT = 44
BAR_HEIGHT = 24
TOP = 44
NARROW_WIDTH = 360
NARROW_LINE = 15
NARROW_WRAP = 48
"""Characters of a label line in the narrow layout (34 where a note shares the line)."""


@dataclass
class Segment:
    x: float
    width: float
    grade: int
    count: int
    percent: int
    tip: str
    show_count: bool


@dataclass
class ChartRow:
    y: float
    lines: list[str]
    link: str | None
    segments: list[Segment]
    mark: Segment | None = None
    note: str = ""
    tip: str = ""
    label_y: float = 0.0
    """Where the label's first line sits, and the bar, the note and its anchor."""
    bar_y: float = 0.0
    note_x: float = NOTE_X
    note_y: float = 0.0
    note_anchor: str = "start"

    def __post_init__(self) -> None:
        if not self.bar_y:
            self.bar_y = self.y
            self.label_y = self.y + 8 + (3 - len(self.lines)) * 6
            self.note_y = self.y + 16


@dataclass
class Chart:
    """A horizontal stacked bar per judgement area, drawn by the template as SVG."""

    id: str
    title: str
    description: str
    rows: list[ChartRow]
    height: float
    sources: list[Shown]
    legend: list[tuple[float, int, str]]
    width: int = CHART_WIDTH
    layout: str = "wide"
    narrow: Chart | None = None
    """The same chart laid out for a narrow screen."""


@dataclass
class Distribution:
    """One grade distribution's counts for one judgement area."""

    dataset: Shown
    total: int | None
    judgement_area: Shown
    order: str
    counts: dict[int, int] = field(default_factory=dict)
    grade_labels: dict[int, str] = field(default_factory=dict)


def distributions(judgement_areas: list[str] | None = None,
                  dataset: str | None = None) -> list[Distribution]:
    """National grade counts, per data set and judgement area."""
    chosen = ""
    if judgement_areas:
        chosen += "FILTER(?ja IN (" + ", ".join(f"<{j}>" for j in judgement_areas) + "))\n"
    if dataset:
        chosen += f"FILTER(?ds = <{dataset}>)\n"
    # The cells first, from the one predicate only they have, and the judgement areas
    # chosen after: from a judgement area, the store would read every judgement and
    # finding in it (tens of thousands) to find its few cells.
    query = sparql_prefixes() + f"""
SELECT ?ds ?dsl ?total ?ja ?jal ?jan ?g ?gn ?gl ?n WHERE {{
  {{ SELECT ?o ?n ?ds ?ja ?g WHERE {{
       ?o jar:numberOfAreas ?n ; qb:dataSet ?ds ; jar:judgementArea ?ja ; jar:grade ?g }} }}
  {chosen}
  ?g skos:notation ?gn .
  OPTIONAL {{ ?ds rdfs:label|dcterms:title ?dsl }}
  OPTIONAL {{ ?ds jar:totalReviews ?total }}
  OPTIONAL {{ ?ja skos:prefLabel|dcterms:title ?jal }}
  OPTIONAL {{ ?ja skos:notation ?jan }}
  OPTIONAL {{ ?g skos:prefLabel ?gl }}
}}"""
    found: dict[tuple[str, str], Distribution] = {}
    for row in select(query):
        key = (str(row["ds"]), str(row["ja"]))
        dist = found.get(key)
        if dist is None:
            total = row.get("total")
            dist = found[key] = Distribution(
                dataset=_shown(row, "ds", "dsl"),
                total=_int(total),
                judgement_area=_shown(row, "ja", "jal"),
                order=str(row.get("jan", "")).zfill(4),
            )
        grade = _int(row.get("gn"))
        if grade in GRADES:
            dist.counts[grade] = _int(row.get("n")) or 0
            label = row.get("gl")
            dist.grade_labels[grade] = str(label) if label else GRADES[grade].capitalize()
    return sorted(found.values(), key=lambda d: (d.dataset.text, d.order, d.judgement_area.text))


def _shown(row: dict[str, Node], key: str, label_key: str) -> Shown:
    label = row.get(label_key)
    return show_iri(str(row[key]), str(label) if label is not None else None)


def _int(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def grade_name(grade: int) -> str:
    return GRADES[grade].capitalize()


def _row(dist: Distribution, y: float, mark: int | None = None, note: str = "",
         label: str | None = None) -> ChartRow:
    total = sum(dist.counts.values()) or 1
    x = float(BAR_X)
    segments = []
    name = label or dist.judgement_area.text
    for grade in sorted(GRADES):
        count = dist.counts.get(grade, 0)
        width = BAR_WIDTH * count / total
        percent = round(100 * count / total)
        grade_label = dist.grade_labels.get(grade, grade_name(grade))
        tip = f"{name}: {grade_label.lower()} in {count} of {total} areas ({percent}%)"
        segments.append(Segment(round(x, 1), round(width, 1), grade, count, percent, tip,
                                width >= 22))
        x += width
    marked = None
    if mark is not None:
        seg = next(s for s in segments if s.grade == mark)
        marked = Segment(seg.x if seg.width >= 4 else seg.x - 2, max(seg.width, 4.0), mark,
                         seg.count, seg.percent, seg.tip, False)
    return ChartRow(y=y, lines=textwrap.wrap(name, 34)[:3] or [name], link=dist.judgement_area.link,
                    segments=segments, mark=marked, note=note,
                    tip=f"{name}: {total} areas counted")


def _legend() -> list[tuple[float, int, str]]:
    return [(BAR_X + i * 105.0, grade, grade_name(grade))
            for i, grade in enumerate(sorted(GRADES))]


def narrow_layout(chart: Chart) -> Chart:
    """The chart with each label above its bar and the bars the full width of 360 units."""
    scale = NARROW_WIDTH / BAR_WIDTH
    rows, y = [], float(TOP)
    for row in chart.rows:
        name = " ".join(row.lines)
        lines = textwrap.wrap(name, 34 if row.note else NARROW_WRAP)[:3] or [name]
        bar_y = y + len(lines) * NARROW_LINE + 6
        segments = [replace(s, x=round((s.x - BAR_X) * scale, 1), width=round(s.width * scale, 1),
                            show_count=s.width * scale >= 22) for s in row.segments]
        mark = None
        if row.mark is not None:
            mark = replace(row.mark, x=round(max((row.mark.x - BAR_X) * scale, 0), 1),
                           width=round(row.mark.width * scale, 1))
        rows.append(replace(row, y=y, lines=lines, segments=segments, mark=mark,
                            label_y=y + 11, bar_y=bar_y, note_x=NARROW_WIDTH,
                            note_y=y + 11, note_anchor="end"))
        y = bar_y + BAR_HEIGHT + 14
    legend, x = [], 0.0
    for _, grade, name in chart.legend:  # each key as wide as its name (about 7 units a letter)
        legend.append((x, grade, name))
        x += 19 + 7 * len(name) + 10
    return replace(chart, id=chart.id + "-narrow", rows=rows, height=y, legend=legend,
                   width=NARROW_WIDTH, layout="narrow", narrow=None)


def national_chart(judgement_areas: list[str] | None,
                   dataset: str | None = None) -> list[Chart]:
    """One chart per national grade distribution (for the judgement areas given)."""
    by_dataset: dict[str, list[Distribution]] = defaultdict(list)
    for dist in distributions(judgement_areas, dataset):
        by_dataset[dist.dataset.iri or ""].append(dist)
    charts = []
    for number, dists in enumerate(by_dataset.values(), start=1):
        rows = [_row(d, TOP + i * ROW_HEIGHT) for i, d in enumerate(dists)]
        source = dists[0].dataset
        total = dists[0].total
        counted = f" ({total} reviews)" if total else ""
        chart = Chart(
            id=f"national-{number}",
            title=f"{source.text}{counted}",
            description="For each judgement area, how many areas were given each grade, "
                        "from inadequate (left) to outstanding (right).",
            rows=rows, height=TOP + len(rows) * ROW_HEIGHT + 8, sources=[source],
            legend=_legend(),
        )
        chart.narrow = narrow_layout(chart)
        charts.append(chart)
    return charts


@dataclass
class AreaGrade:
    """An area's grade in one judgement area, as its chart marks it."""

    grade: int
    label: str


def area_chart(area_label: str, grades: dict[str, AreaGrade]) -> Chart | None:
    """The area's grades (judgement area IRI -> grade) beside the national distribution
    for the same judgement areas."""
    if not grades:
        return None
    best: dict[str, Distribution] = {}
    for dist in distributions(sorted(grades)):
        key = dist.judgement_area.iri or ""
        if key not in best or sum(dist.counts.values()) > sum(best[key].counts.values()):
            best[key] = dist
    if not best:
        return None
    ordered = sorted(best.values(), key=lambda d: (d.order, d.judgement_area.text))
    rows = []
    for i, dist in enumerate(ordered):
        marked = grades[dist.judgement_area.iri or ""]
        note = f"{marked.label} ({marked.grade})"
        rows.append(_row(dist, TOP + i * ROW_HEIGHT, mark=marked.grade, note=note))
    sources = list({d.dataset.iri: d.dataset for d in ordered}.values())
    chart = Chart(
        id="area-chart",
        title=f"Grades for {area_label} beside the national distribution",
        description=f"For each judgement area, the bar shows how many areas nationally were "
                    f"given each grade; the outlined part and the text on the right give "
                    f"{area_label}'s own grade.",
        rows=rows, height=TOP + len(rows) * ROW_HEIGHT + 8, sources=sources, legend=_legend(),
    )
    chart.narrow = narrow_layout(chart)
    return chart
