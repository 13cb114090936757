"""The load cache: the bundled rules, templates and vocabularies, once loaded and validated, kept
in one pickle file so the next `budgetlint` process starts without reading YAML again.

Why: a `budgetlint check` of one text disclosure spent about a third of its time before the
first line was read -- parsing some 300 YAML files and validating them into pydantic models
(whose validators are themselves built on first use). Unpickling the finished objects costs a
small part of that, and the models validated only from YAML are then never built at all.

Never a wrong result: the file's name is a digest of everything the loaded objects depend on --
budgetlint's version, Python's and pydantic's, and the path, size and modification time (in
nanoseconds) of PyYAML's module, of every Python file of the package and of every YAML file
under the bundled rules (the evidence Python itself trusts for its bytecode cache). Any edit
gives another name, so a stale file is never read; the oldest files are deleted as new ones are
written (`save`). A file that cannot be read or unpickled, or a cache folder that cannot be
written, is ignored: everything is then loaded from YAML as without the cache. Only the bundled
data is cached: rules from --rules folders, or loaded under other --limit values, are loaded from
their YAML every time. A pickle is code: the folder is the user's own (created with the user's permissions), as
trusted as the installed package itself.

Only budgetlint's own processes use it (the CLI calls `enable`, its batch workers inherit the
folder through BUDGETLINT_CACHE_DIR); the library API never reads or writes a cache file. The
folder is $BUDGETLINT_CACHE_DIR, else $XDG_CACHE_HOME/budgetlint, else ~/.cache/budgetlint;
BUDGETLINT_CACHE_DIR set to an empty value turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from budgetlint import __version__

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

ENV = "BUDGETLINT_CACHE_DIR"
_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_PREFIX = "load-"
KEEP = 4  # cache files kept in the folder (one per install that uses it; see `save`)

_T = TypeVar("_T")


class _State:
    folder: str | None = None  # None: disabled (the library's default)
    opened = False  # the file for the current key read (or found missing)
    entries: dict[str, Any] = {}  # name -> loaded object: read from the file, or built by this process
    stored: set[str] = set()  # the names the file held when it was read
    key: str = ""
    environment: str | None = None  # BUDGETLINT_CACHE_DIR before `enable` set it


def default_folder() -> str | None:
    """Where the CLI keeps the cache (None: turned off by an empty BUDGETLINT_CACHE_DIR). Plain
    strings: `budgetlint --version` enables the cache too, and imports neither pathlib nor pickle."""
    named = os.environ.get(ENV)
    if named is not None:
        return named or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "budgetlint")


def enable(folder: str | Path | None = None) -> None:
    """Use the cache in this process and, through the environment, in the worker processes it
    starts. Nothing is read until something is loaded (`budgetlint --version` reads nothing)."""
    folder = os.fspath(folder) if folder is not None else default_folder()
    disable()
    if folder is not None:
        _State.environment = os.environ.get(ENV)
        os.environ[ENV] = folder
        _State.folder = folder


def enable_from_environment() -> None:
    """In a worker process: use the cache when the process that started it did (its folder is in
    the environment)."""
    named = os.environ.get(ENV)
    if named and _State.folder != named:  # a worker forked from a warm one has it already
        enable(named)


def disable() -> None:
    """No cache in this process any more; the environment as it was before `enable`."""
    if _State.folder is not None:
        if _State.environment is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = _State.environment
    _State.folder, _State.opened, _State.entries, _State.stored = None, False, {}, set()


def _open(folder: str) -> None:
    _State.opened, _State.key = True, key()
    entries = _read(os.path.join(folder, f"{_PREFIX}{_State.key}.pickle"))
    _State.entries, _State.stored = entries, set(entries)


def _read(path: str) -> dict[str, Any]:
    """The entries of a cache file; none when it is missing, damaged or written by other code."""
    import pickle

    try:
        with open(path, "rb") as handle:
            entries = pickle.load(handle)
    except FileNotFoundError:
        return {}
    except Exception:  # damaged, or written by other code: loaded from YAML instead
        log.debug("load cache %s unreadable", path, exc_info=True)
        return {}
    return entries if isinstance(entries, dict) else {}


def cached(name: str, build: Callable[[], _T]) -> _T:
    """`build()`, or what it returned in an earlier process with the same code and data. `build`
    loads bundled data only; its errors propagate and nothing is kept."""
    if _State.folder is None:
        return build()
    if not _State.opened:
        _open(_State.folder)
    if name in _State.entries:
        return _State.entries[name]  # type: ignore[no-any-return]
    value = build()
    _State.entries[name] = value
    return value


def bundled(name: str) -> Callable[[Callable[..., _T]], Callable[..., _T]]:
    """A loader of bundled data, cached under `name` when called without arguments (with any, it
    loads something else -- another root folder -- and is not cached)."""

    def decorate(load: Callable[..., _T]) -> Callable[..., _T]:
        @functools.wraps(load)
        def loader(*args: Any, **kwargs: Any) -> _T:
            if args or kwargs:
                return load(*args, **kwargs)
            return cached(name, load)

        return loader

    return decorate


def save() -> None:
    """Write what this process loaded, when the file lacks any of it (a first run, or one that
    loaded more than the file held), together with what the file holds by now: the processes of
    one run load different parts (a batch's forkserver the templates and vocabularies, the CLI
    the rules) and each keeps the other's. Only the KEEP most recently written files stay in the
    folder: several installs (a second virtual environment, a git worktree) may share it, each
    with its own key, and deleting every other file made them read YAML on every run in turn.
    Failures are ignored."""
    folder = _State.folder
    if folder is None or not set(_State.entries) - _State.stored:
        return
    import pickle
    import tempfile

    written: str | None = None
    target = os.path.join(folder, f"{_PREFIX}{_State.key}.pickle")
    try:
        entries = {**_read(target), **_State.entries}
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as handle:
            written = handle.name
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, target)
        _State.stored = set(entries)
        _forget_old(folder)
    except Exception:  # unwritable folder, a full disk, an object that does not pickle
        log.debug("load cache not written to %s", folder, exc_info=True)
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)


def _forget_old(folder: str) -> None:
    """Delete all but the KEEP most recently written cache files."""
    files = []
    for name in os.listdir(folder):
        if name.startswith(_PREFIX) and name.endswith(".pickle"):
            with contextlib.suppress(OSError):  # another process's cleaning got there first
                files.append((os.stat(os.path.join(folder, name)).st_mtime_ns, name))
    for _, name in sorted(files, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, name))


def key() -> str:
    """The digest naming the cache file (see the module docstring)."""
    import hashlib
    import importlib.util

    import pydantic

    from budgetlint.paths import rules_root

    digest = hashlib.sha256(f"{__version__}\n{sys.version}\n{pydantic.VERSION}\n".encode())

    def add(path: str) -> None:
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())

    spec = importlib.util.find_spec("yaml")  # PyYAML, found without importing it: its files' times
    if spec is not None and spec.origin:
        add(spec.origin)
    for root, suffix in ((_PACKAGE, ".py"), (str(rules_root()), ".yaml")):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # bytecode, no .py or .yaml: not listed
            for name in sorted(files):
                if name.endswith(suffix):
                    add(os.path.join(folder, name))
    return digest.hexdigest()[:32]
