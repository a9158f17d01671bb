"""Settings: declared once, read from options, the environment and the app factory."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from jargraph import settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults_come_from_the_declarations() -> None:
    found = settings.load({}, environ={})
    for setting in settings.DECLARED:
        if setting.name == "home":
            assert found.home == settings.default_home()
        else:
            expected = setting.default if setting.default != () else ()
            assert getattr(found, setting.name) == expected, setting.name


def test_environment_then_explicit_values_win() -> None:
    env = {"JARGRAPH_QUERY_TIMEOUT": "2.5", "JARGRAPH_PORT": "9000",
           "JARGRAPH_ALLOWED_SERVICES": "http://a/sparql, http://b/sparql"}
    found = settings.load({"port": 9100}, environ=env)
    assert found.timeout == 2.5
    assert found.port == 9100
    assert found.allowed_services == ("http://a/sparql", "http://b/sparql")


def test_the_user_data_folder_is_the_default_home(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert settings.load({}, environ={}).home == tmp_path / "jargraph"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings.default_home() == tmp_path / ".local" / "share" / "jargraph"


@pytest.mark.parametrize(("values", "environ", "message"), [
    ({"port": "eighty"}, {}, "port must be a whole number, not 'eighty'"),
    ({}, {"JARGRAPH_QUERY_TIMEOUT": "soon"}, "JARGRAPH_QUERY_TIMEOUT must be a number"),
    ({"workers": -1}, {}, "workers must not be negative"),
    ({"colour": "red"}, {}, "unknown setting 'colour'"),
])
def test_bad_values_name_the_setting(values, environ, message) -> None:
    with pytest.raises(settings.SettingError, match=re.escape(message)):
        settings.load(values, environ=environ)


def test_options_are_added_and_read_back() -> None:
    parser = argparse.ArgumentParser()
    settings.add_options(parser, ("port", "timeout", "allowed_services"))
    args = parser.parse_args(["--port", "8123", "--allow-service", "http://x/sparql"])
    found = settings.from_args(args)
    assert found.port == 8123 and found.allowed_services == ("http://x/sparql",)
    assert found.timeout == 10.0


def test_the_readme_lists_every_setting_with_its_variable_and_default() -> None:
    table = README.read_text(encoding="utf-8")
    for setting in settings.DECLARED:
        row = next((line for line in table.splitlines()
                    if line.startswith("|") and setting.env in line), None)
        assert row is not None, f"{setting.env} is not in the README's settings table"
        if setting.option:
            assert f"`{setting.option}`" in row, setting.name
        if setting.default not in (None, ()):
            assert f"`{setting.default}`" in row, setting.name
