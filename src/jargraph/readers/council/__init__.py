"""Reader for a council's own report on its joint area review (family ``council-report``).

`read.read_council_report` reads one paper; `layout` cuts it into paragraphs,
`review`, `judgements`, `strengths` and `recommendations` each read one kind of
content from them.
"""

from .read import FAMILY, KIND, cover, from_lines, read_council_report

__all__ = ["FAMILY", "KIND", "cover", "from_lines", "read_council_report"]
