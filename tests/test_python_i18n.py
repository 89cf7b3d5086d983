"""Every text the Python code shows a user goes through the catalogue (docs/i18n.md): no
Danish string literal outside a gettext call, every msgid in the catalogue, and the
standard library's gettext (the layers without Django) reads the same Danish as Django.

The check reads the source (``ast``), so it needs no Django and runs on every file of
``src/socialstyring``. A literal counts as Danish text when it holds æ, ø or å, or reads
as Danish words (see ``looks_danish``). Data is left alone: the import format's file
codes, aliases and headers, URL paths and values of ``--by``/``?by=`` are what files and
addresses contain, not text, and stay as they are."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import django
import polib
import pytest

from socialstyring import translation
from socialstyring.i18n import LOCALE_DIR

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "socialstyring"
PO_PATH = LOCALE_DIR / "da" / "LC_MESSAGES" / "django.po"

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
WITH_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}

DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
WORD = re.compile(r"[^\W\d_]+")
# Common Danish words that are not English words (nor likely identifiers in the code).
_DANISH_WORDS = """
    af alle antal bemærkning beløb bevilling bevillinger blev bliver borger brug budgettet
    dato datoen denne der dette efter eller enhed fejl filen filer findes flere forbrug
    forventet fra funktion gemt gemmes har hver hvis ikke indsats ingen ja kan kolonne
    kolonnen kommune kommunen konto kontoen konti kun leverandør mangler med mellem navn
    nej nye når og opfølgning opgjort paragraf pris række rækker samme skal som titel
    ugyldig ugyldigt ukendt ukendte uden ved være
"""
DANISH_WORDS = frozenset(_DANISH_WORDS.split())

# Calls whose literal arguments are data, by position (None: every argument); keywords by
# name. The import format's Danish codes and headers are the contract with the files.
DATA_ARGUMENTS = {
    "Code": ({0, 2, 3}, {"value", "file_code", "aliases"}),  # the label (1) is text
    "Grouping": ({0, 1, 3}, {"by", "field", "json_key"}),  # the label (2) is text
    "Column": (None, None),  # headers and aliases of the import format
    "_Record": ({0}, set()),  # a file kind's Danish name: its file code
    "path": ({0}, set()),  # URL paths: addresses, not text
}

# Module-level (or local) names whose literals are data, with the reason.
ALLOWED = {
    ("io/schema.py", "_FOLD"): "spells æøå in ASCII to match headers",
    ("io/parsing.py", "_LAWS"): "law names as files write them",
    ("terms/groupings.py", "PROFILE_BY"): "a value of --by",
    ("services/demo.py", "DEMO_TEAM"): "demo data: a team of the generated files",
    ("services/demo.py", "BUFFER_POOL"): "demo data: the demo's buffer pool",
    ("services/demo.py", "spec"): "demo data: the demo users' names",
    ("web/settings.py", "LANGUAGES"): "a language's own name for itself",
    ("services/scenario_files.py", "_ALIASES"): "a scenario file's keys in Danish: data",
}
# Whole folders of data.
DATA_FOLDERS = {
    "demo": "the synthetic demo municipality: file contents in the import format",
    "storage/migrations": "the migrations' frozen model state",
    "locale": "the catalogue itself",
}


def looks_danish(text: str) -> bool:
    """Danish letters; or a phrase (it has spaces) with a Danish word; or one capitalised
    Danish word, a label such as ``Konto``. Without spaces a literal is otherwise an
    identifier, a code or a file name: ``konto``, ``--kommune``, ``dst_funktion``."""
    if DANISH_LETTERS.search(text):
        return True
    words = WORD.findall(text)
    if not re.search(r"\s", text.strip()):
        return len(words) == 1 and words[0][0].isupper() and words[0].lower() in DANISH_WORDS
    return any(w.lower() in DANISH_WORDS for w in words)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _shown_by_click(node: ast.AST) -> bool:
    """A click command's docstring is its help text unless ``help=`` is given."""
    return any(
        isinstance(d, ast.Call)
        and _name(d.func) in ("command", "group")
        and not any(k.arg == "help" for k in d.keywords)
        for d in getattr(node, "decorator_list", ())
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and not _shown_by_click(node)
            ):
                found.add(id(body[0].value))
    return found


def _constants(node: ast.AST) -> set[int]:
    return {id(n) for n in ast.walk(node) if isinstance(n, ast.Constant)}


def _exempt(tree: ast.AST, path: str) -> set[int]:
    """Literals that are not text: docstrings, gettext's own arguments, data."""
    exempt = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in GETTEXT:
                exempt |= _constants(node)
            elif name in DATA_ARGUMENTS:
                positions, keywords = DATA_ARGUMENTS[name]
                for i, arg in enumerate(node.args):
                    if positions is None or i in positions:
                        exempt |= _constants(arg)
                for keyword in node.keywords:
                    if keywords is None or keyword.arg in keywords:
                        exempt |= _constants(keyword.value)
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and (path, t.id) in ALLOWED for t in targets):
                exempt |= _constants(node.value)
    return exempt


def untranslated(source: str, path: str = "") -> list[tuple[int, str]]:
    """(line, literal) for every Danish-looking literal outside gettext in ``source``."""
    tree = ast.parse(source)
    exempt = _exempt(tree, path)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and looks_danish(node.value)
    ]


def shadowed_underscore(source: str) -> list[int]:
    """Lines that bind ``_`` in a module that imports ``_`` as gettext: ``year, _ = …``
    would make ``_("…")`` in the same function fail."""
    tree = ast.parse(source)
    imports_gettext = any(
        isinstance(n, ast.ImportFrom) and any(a.asname == "_" or a.name == "_" for a in n.names)
        for n in ast.walk(tree)
    )
    if not imports_gettext:
        return []
    return sorted(
        n.lineno
        for n in ast.walk(tree)
        if (isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store))
        or (isinstance(n, ast.arg) and n.arg == "_")
    )


def python_msgids(source: str) -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call with literal arguments, as makemessages
    collects them."""
    found: set[tuple[str | None, str]] = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _name(node.func) in GETTEXT):
            continue
        args = node.args
        context = None
        if _name(node.func) in WITH_CONTEXT:
            if not (args and isinstance(args[0], ast.Constant)):
                continue
            context, args = args[0].value, args[1:]
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            found.add((context, args[0].value))
    return found


def _sources() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if not any(p.relative_to(PACKAGE).as_posix().startswith(f + "/") for f in DATA_FOLDERS)
    )


SOURCES = _sources()


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH), encoding="utf-8")


# --- the source --------------------------------------------------------------------------


def test_the_walk_finds_the_sources():
    names = {p.relative_to(PACKAGE).as_posix() for p in SOURCES}
    assert {"terms/codes.py", "io/problems.py", "cli/main.py", "web/views.py"} <= names
    assert not any(n.startswith(("demo/", "storage/migrations/")) for n in names)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_danish_text_outside_gettext(path):
    name = path.relative_to(PACKAGE).as_posix()
    found = untranslated(path.read_text(encoding="utf-8"), name)
    assert found == [], "\n".join(f"{name}:{line}: {text!r}" for line, text in found)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_underscore_is_never_rebound_where_it_translates(path):
    assert shadowed_underscore(path.read_text(encoding="utf-8")) == []


def test_every_allowance_is_still_needed():
    """An allowed name or data folder that no longer exists is a stale exception."""
    for (name, variable), _reason in ALLOWED.items():
        assert re.search(rf"\b{variable}\b\s*[:=]", (PACKAGE / name).read_text()), name
    for folder in DATA_FOLDERS:
        assert (PACKAGE / folder).is_dir(), folder


@pytest.mark.parametrize(
    "source, expected",
    [
        ('x = "Ukendt område."', ["Ukendt område."]),
        ('x = "Filen er tom."', ["Filen er tom."]),
        ('x = "Konto"', ["Konto"]),
        ('x = f"{n} rækker"', [" rækker"]),
        ('x = _("Unknown area.")', []),
        ('x = pgettext("price unit", "day")', []),
        ('x = request.GET.get("konto", "")', []),  # a lower-case word is an identifier
        ('x = ["dst_funktion", "--kommune", "paragraf_krydsreference.csv"]', []),
        ('x = "Ugyldig værdi"', ["Ugyldig værdi"]),
        ('x = "Vis alle konti"', ["Vis alle konti"]),
        ('x = "The key must be at least 16 bytes."', []),
        ('"""Modulets dokumentation på dansk."""', []),
        ('def f():\n    """Kun for udviklere: ikke vist."""', []),
        ('@main.command("x")\ndef f():\n    """Vist som hjælp."""', ["Vist som hjælp."]),
        ('@main.command("x", help=_("Shown"))\ndef f():\n    """Ikke vist."""', []),
        ('Code("day", pgettext("price unit", "day"), "dag", ("døgn",))', []),
        ('Code("year", "år", "år")', ["år"]),
        ('Grouping("område", "area", _("Area"), "område")', []),
        ('Column("fødselsdato", "birth_date", False, ("Født",))', []),
        ('path("opfølgning/", view)', []),
    ],
)
def test_the_check_itself(source, expected):
    assert [text for _line, text in untranslated(source)] == expected


def test_the_underscore_check_itself():
    source = (
        "from socialstyring.translation import _\n"
        "def f(request):\n"
        "    year, _ = year_and_as_of(request)\n"
        "    return _('Year')\n"
    )
    assert shadowed_underscore(source) == [3]
    assert shadowed_underscore("for _ in range(3):\n    pass\n") == []  # no gettext here


# --- the catalogue -----------------------------------------------------------------------


def test_every_python_message_is_in_the_catalogue():
    catalogue = {(e.msgctxt, e.msgid) for e in _catalogue()}
    used = set().union(*(python_msgids(p.read_text(encoding="utf-8")) for p in SOURCES))
    assert len(used) > 250
    assert sorted(used - catalogue, key=str) == [], "run `make messages` (docs/i18n.md)"


def test_python_msgids_are_collected_as_makemessages_collects_them():
    source = '_("Total")\npgettext("month name", "May")\ngettext_lazy("Two " "parts")\n_(name)\n'
    assert python_msgids(source) == {
        (None, "Total"),
        ("month name", "May"),
        (None, "Two parts"),
    }


def test_the_layers_without_django_read_the_same_danish():
    """``socialstyring.translation`` (stdlib gettext on the compiled catalogue) gives every
    entry's Danish text, as Django does (tests/web/test_i18n.py)."""
    wrong = [(e.msgctxt, e.msgid) for e in _catalogue() if _stdlib_danish(e) != _danish(e)]
    assert wrong == []


def _danish(e: polib.POEntry) -> tuple[str, ...]:
    """The entry's Danish: one form, or singular and plural."""
    if e.msgid_plural:
        return (e.msgstr_plural.get(0, ""), e.msgstr_plural.get(1, ""))
    return (e.msgstr,)


def _stdlib_danish(e: polib.POEntry) -> tuple[str, ...]:
    if e.msgid_plural:  # no context on plural entries yet; ngettext has none in the stdlib
        return tuple(translation.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2))
    if e.msgctxt:
        return (translation.pgettext(e.msgctxt, e.msgid),)
    return (translation.gettext(e.msgid),)


# Entries that say something other than Django's own Danish for the same msgid, and why.
DJANGO_DIFFERS = {
    "Time": "the audit log's column: the moment (tidspunkt), not Django's time of day (tid)",
}


def test_no_entry_changes_what_django_says_elsewhere():
    """The app's catalogue comes first for every msgid: an entry without a context that
    Django also translates changes Django's own wording (the admin) too, so it must say
    the same, or carry a context (docs/i18n.md)."""
    django_danish: dict[tuple[str | None, str], set[str]] = {}
    for po in Path(django.__file__).parent.rglob("locale/da/LC_MESSAGES/django.po"):
        for e in polib.pofile(str(po)):
            if e.msgstr:
                django_danish.setdefault((e.msgctxt, e.msgid), set()).add(e.msgstr)
    assert len(django_danish) > 500
    differs = sorted(
        e.msgid
        for e in _catalogue()
        if (e.msgctxt, e.msgid) in django_danish
        and django_danish[(e.msgctxt, e.msgid)] != {e.msgstr}
    )
    assert differs == sorted(DJANGO_DIFFERS)
