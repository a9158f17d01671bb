"""Every setting of jargraph, declared once: its default, environment variable and help.

The command line (``--timeout``), the environment (``JARGRAPH_QUERY_TIMEOUT``)
and the web app factory (``create_app({"timeout": 5})``) all read the same
declarations, so a default is written in one place. The order of precedence
is: an explicit value (an option or a key passed in), then the environment
variable, then the default.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


class SettingError(ValueError):
    """A setting's value cannot be used; the message names the setting and what to give."""


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _services(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.replace(",", " ").split() if v)


@dataclass(frozen=True)
class Setting:
    """One setting: where it comes from and what it means."""

    name: str
    """The attribute of :class:`Settings` (and the key of ``create_app``'s config)."""
    env: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str
    option: str | None = None
    """The command-line option; None for settings given only by the environment."""
    metavar: str | None = None


def default_home() -> Path:
    """Where builds go unless told otherwise: the user's data folder
    (``$XDG_DATA_HOME/jargraph``, by default ``~/.local/share/jargraph``), so that
    ``jargraph serve`` finds the last build from any folder."""
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(data_home or Path.home() / ".local" / "share") / "jargraph"


DECLARED: tuple[Setting, ...] = (
    Setting("home", "JARGRAPH_HOME", None,
            "where builds, the store and the dumps live (default: ~/.local/share/jargraph, "
            "or $XDG_DATA_HOME/jargraph)", _path, "--home", "DIR"),
    Setting("data", "JARGRAPH_DATA", None,
            "a folder of your own documents (.txt files of any name, in any sub-folder) to "
            "build beside the bundled ones; one that is a bundled document (by its text) "
            "replaces it", _path, "--data",
            "DIR"),
    Setting("store", "JARGRAPH_STORE", None,
            "a SPARQL 1.1 server to build into and query instead of the embedded store, "
            "e.g. http://user:password@host:8890/sparql", str, "--store", "URL"),
    Setting("store_user", "JARGRAPH_STORE_USER", None,
            "user name for the SPARQL server, when not in its URL"),
    Setting("store_password", "JARGRAPH_STORE_PASSWORD", None,
            "password for the SPARQL server, when not in its URL"),
    Setting("store_update_url", "JARGRAPH_STORE_UPDATE_URL", None,
            "the server's SPARQL Update URL, when not the one derived from the query URL"),
    Setting("store_gsp_url", "JARGRAPH_STORE_GSP_URL", None,
            "the server's Graph Store Protocol URL, when not the one derived from the query "
            "URL"),
    Setting("host", "JARGRAPH_HOST", "127.0.0.1", "address to listen on", str, "--host"),
    Setting("port", "JARGRAPH_PORT", 8000, "port to listen on", int, "--port"),
    Setting("threads", "JARGRAPH_THREADS", 8, "waitress threads serving requests", int,
            "--threads", "N"),
    Setting("workers", "JARGRAPH_WORKERS", 2,
            "query worker processes (each query runs in one, so a time limit holds)", int,
            "--workers", "N"),
    Setting("timeout", "JARGRAPH_QUERY_TIMEOUT", 10.0, "seconds a query may run", float,
            "--timeout", "SECONDS"),
    Setting("row_limit", "JARGRAPH_ROW_LIMIT", 10000,
            "most SELECT rows returned before a result is cut (and flagged), 0 for none", int,
            "--row-limit", "N"),
    Setting("cache_mib", "JARGRAPH_CACHE_MIB", 64,
            "memory for query results kept until the next build, in MiB (0: none)", int,
            "--cache-mib", "MIB"),
    Setting("max_request_bytes", "JARGRAPH_MAX_REQUEST_BYTES", 1 << 20,
            "largest request body; larger gets 413", int, "--max-request-bytes", "N"),
    Setting("max_url_bytes", "JARGRAPH_MAX_URL_BYTES", 64 << 10,
            "longest query string of a GET; longer gets 414", int, "--max-url-bytes", "N"),
    Setting("allowed_services", "JARGRAPH_ALLOWED_SERVICES", (),
            "an endpoint a query may call with SERVICE (repeat the option; in the "
            "environment, separated by spaces or commas)", _services, "--allow-service", "URL"),
)
BY_NAME = {setting.name: setting for setting in DECLARED}


@dataclass(frozen=True)
class Settings:
    """The effective settings of one command or server."""

    home: Path
    data: Path | None
    store: str | None
    store_user: str | None
    store_password: str | None
    store_update_url: str | None
    store_gsp_url: str | None
    host: str
    port: int
    threads: int
    workers: int
    timeout: float
    row_limit: int
    cache_mib: int
    max_request_bytes: int
    max_url_bytes: int
    allowed_services: tuple[str, ...]

    def with_values(self, **values: Any) -> Settings:
        """A copy with some settings replaced (values as they would be given)."""
        return replace(self, **{k: _checked(k, v, k) for k, v in values.items()})

    @property
    def row_cap(self) -> int | None:
        """The row limit as a query takes it: None for no limit."""
        return self.row_limit if self.row_limit > 0 else None


def _checked(name: str, value: Any, source: str) -> Any:
    """``value`` of setting ``name`` in its type; SettingError names ``source`` if it is bad."""
    setting = BY_NAME.get(name)
    if setting is None:
        raise SettingError(f"unknown setting {name!r}; settings are: {', '.join(BY_NAME)}")
    if value is None:
        return None
    if name == "allowed_services" and not isinstance(value, str):
        return tuple(str(v) for v in value)
    if isinstance(value, str) or setting.parse in (int, float):
        try:
            value = setting.parse(value) if isinstance(value, str) else setting.parse(value)
        except (TypeError, ValueError):
            kind = ("a whole number" if setting.parse is int else
                    "a number" if setting.parse is float else "valid")
            raise SettingError(f"{source} must be {kind}, not {value!r}") from None
    if setting.parse in (int, float) and value < 0:
        raise SettingError(f"{source} must not be negative, not {value!r}")
    return value


def load(values: Mapping[str, Any] | None = None,
         environ: Mapping[str, str] | None = None) -> Settings:
    """The effective settings: ``values`` (None values skipped), else the environment,
    else the defaults. Raises SettingError for an unknown name or a bad value."""
    env = os.environ if environ is None else environ
    given = {k: v for k, v in (values or {}).items() if v is not None}
    effective: dict[str, Any] = {}
    for setting in DECLARED:
        if setting.name in given:
            value = _checked(setting.name, given.pop(setting.name),
                             setting.option or setting.name)
        elif env.get(setting.env, "").strip():
            value = _checked(setting.name, env[setting.env].strip(), setting.env)
        else:
            value = setting.default
        effective[setting.name] = value
    if given:
        _checked(next(iter(given)), None, "")  # raises: an unknown name
    if effective["home"] is None:
        effective["home"] = default_home()
    effective["allowed_services"] = tuple(effective["allowed_services"])
    return Settings(**effective)


def value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One setting's value from the environment or its default (``home`` is never None)."""
    setting = BY_NAME[name]
    env = os.environ if environ is None else environ
    text = env.get(setting.env, "").strip()
    found = _checked(name, text, setting.env) if text else setting.default
    if name == "home" and found is None:
        return default_home()
    return found


def add_options(parser: argparse.ArgumentParser, names: Iterable[str]) -> None:
    """Add the options of these settings to a command's parser (values default to None,
    so that :func:`from_args` can tell an option given from one left out)."""
    for name in names:
        setting = BY_NAME[name]
        if setting.option is None:
            continue
        default = setting.default if setting.default not in (None, ()) else None
        shown = f"; default {default}" if default is not None else ""
        help_text = f"{setting.help} ({setting.env}{shown})"
        if name == "allowed_services":
            parser.add_argument(setting.option, dest=name, action="append", metavar="URL",
                                help=help_text)
            continue
        parser.add_argument(setting.option, dest=name, default=None, help=help_text,
                            metavar=setting.metavar)


def from_args(args: argparse.Namespace) -> Settings:
    """The settings for a parsed command line: its options, then the environment."""
    return load({f.name: getattr(args, f.name) for f in fields(Settings)
                 if getattr(args, f.name, None) is not None})
