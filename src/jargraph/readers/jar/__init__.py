"""Reader for joint area review reports (document family ``jar-report``).

`read.read_jar_report` reads one report; the other modules each read one part
of it: `title_page`, `layout` (sections, tables, paragraphs), `judgements`
(grades and main findings), `strengths`, `investigations`, `recommendations`,
`figures`, `annexes`, with the phrases they look for in `wording`.
"""

from .investigations import investigation_category
from .read import FAMILY, KIND, cover, from_lines, read_jar_report
from .recommendations import split_addressees

__all__ = ["FAMILY", "KIND", "cover", "from_lines", "investigation_category", "read_jar_report",
           "split_addressees"]
