"""Progress of long work: a bar redrawn in place on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

import pytest

from jargraph import progress as progress_module
from jargraph.progress import Progress, duration, wants_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")


def test_a_terminal_gets_a_bar_redrawn_in_place_then_a_summary(monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "REDRAW_EVERY", 0.0)
    out = Terminal()
    shown = Progress(out)
    assert shown.bar
    with shown.task("converting", 4, "documents") as task:
        task.advance(warnings=2)
        shown("  bad.txt: 3 problems; not loaded")
        task.advance(failed=1)
        task.advance()
        task.advance()
    text = out.getvalue()
    assert "\r\x1b[K" in text
    assert "converting" in text and "2/4 documents" in text and "2 warnings" in text
    assert "  bad.txt: 3 problems; not loaded\n" in text
    last = text.split("\r\x1b[K")[-1]
    assert last.startswith("converting: 4 documents in ")
    assert last.rstrip().endswith("2 warnings, 1 failed")
    assert "\n" not in text.split("bad.txt")[0].split("\r")[-1]  # the bar has no line of its own


def test_a_pipe_gets_plain_lines_at_each_tenth_and_a_summary() -> None:
    out = io.StringIO()
    shown = Progress(out)
    assert not shown.bar
    with shown.task("pushing", 100, "graphs") as task:
        for _ in range(100):
            task.advance()
    lines = out.getvalue().splitlines()
    assert lines[0] == "pushing: 100 graphs"
    assert "\r" not in out.getvalue()
    steps = [line for line in lines[1:-1]]
    assert len(steps) == 9
    assert steps[0].startswith("pushing: 10 of 100 graphs (10%), ")
    assert "left" in steps[0]
    assert lines[-1].startswith("pushing: 100 graphs in ")


def test_ci_and_dumb_terminals_get_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    assert wants_bar(Terminal())
    monkeypatch.setenv("CI", "true")
    assert not wants_bar(Terminal())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_bar(Terminal())


def test_a_function_gets_the_lines_and_messages() -> None:
    lines: list[str] = []
    shown = Progress(lines.append)
    shown("loading")
    with shown.task("exporting", 2, "quads") as task:
        task.advance(2)
    assert lines[0] == "loading"
    assert lines[1] == "exporting: 2 quads"
    assert lines[-1].startswith("exporting: 2 quads in ")


def test_a_task_left_early_says_how_far_it_got() -> None:
    lines: list[str] = []
    with pytest.raises(RuntimeError), Progress(lines.append).task("x", 10, "items") as task:
        task.advance(3)
        raise RuntimeError
    assert lines[-1].startswith("x: 3 items of 10 in ")


def test_durations_read_as_people_write_them() -> None:
    assert duration(4.4) == "4 s"
    assert duration(187) == "3:07"
    assert duration(3723) == "1:02:03"
