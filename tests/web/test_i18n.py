"""Internationalisation: every text a template shows goes through the catalogue, and the
Danish catalogue is complete, compiled by the install step and active."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import DebugLexer, Lexer, TokenType
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import smart_split, unescape_string_literal

from socialstyring import i18n

TEMPLATE_DIR = Path(settings.TEMPLATES[0]["DIRS"][0])
TEMPLATES = sorted(TEMPLATE_DIR.rglob("*.html"))
PO_PATH = i18n.LOCALE_DIR / "da" / "LC_MESSAGES" / "django.po"

# Names that are the same in every language and may stand in a template as they are.
PROPER_NAMES = {"Socialstyring", "Excel", "CSV"}
# Attributes a user sees or hears (screen readers); ``value`` only on button-like inputs.
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
BUTTON_INPUTS = {"submit", "button", "reset"}
# Filters whose literal argument is a format, not a text: ``date:"d-m-Y"``.
FORMAT_FILTERS = {"date", "time", "stringformat", "floatformat"}

DYNAMIC = "\x00"  # stands for a tag or variable: content that is not literal template text
LETTERS = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<[^>]*>")
ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
NOT_SHOWN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
I18N_LITERAL = re.compile(r"""\b_\(("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\)""")
FILTER_LITERAL = re.compile(r"""\|\s*(\w+)\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def _tag_name(contents: str) -> str:
    return contents.split(None, 1)[0] if contents.strip() else ""


def _blank(text: str) -> str:
    """``text`` as DYNAMIC characters, its newlines kept: offsets and lines stay right."""
    return re.sub(r"[^\n]", DYNAMIC, text)


def _template_parts(source: str):
    """The template as the page's literal text, of the same length as ``source``: every
    TEXT token outside a translate block, comment or verbatim block stands as written,
    every other token is blanked (see ``_blank``); and the VAR tokens outside translate
    blocks."""
    skeleton, variables, skipping = [], [], None
    for token in DebugLexer(source).tokenize():  # the Lexer, with each token's position
        tag = _tag_name(token.contents) if token.token_type == TokenType.BLOCK else ""
        raw = source[token.position[0] : token.position[1]]
        if skipping:
            if tag == skipping:
                skipping = None
            skeleton.append(_blank(raw))
            continue
        if tag in ("blocktranslate", "blocktrans", "comment", "verbatim"):
            skipping = "end" + tag
        if token.token_type == TokenType.TEXT:
            skeleton.append(raw)
        else:
            if token.token_type == TokenType.VAR:
                variables.append(token)
            skeleton.append(_blank(raw))
    return "".join(skeleton), variables


def untranslated_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) for every literal text in ``source`` a user would see untranslated."""
    skeleton, variables = _template_parts(source)
    skeleton = NOT_SHOWN.sub(lambda m: _blank(m.group()), skeleton)
    found = []

    def check(text: str, offset: int, where: str) -> None:
        words = [w for w in LETTERS.findall(ENTITY.sub(" ", text)) if w not in PROPER_NAMES]
        if words:
            found.append((skeleton.count("\n", 0, offset) + 1, f"{where}: {text.strip()!r}"))

    for tag in TAG.finditer(skeleton):
        attributes = {
            name.lower(): value.strip("\"'") for name, value in ATTRIBUTE.findall(tag.group())
        }
        element = tag.group()[1:].split(None, 1)[0].lower() if len(tag.group()) > 2 else ""
        shown = VISIBLE_ATTRIBUTES & attributes.keys()
        if element == "input" and attributes.get("type", "").lower() in BUTTON_INPUTS:
            shown.add("value")
        for name in sorted(shown):
            check(attributes[name], tag.start(), f"attribute {name}")
    text_only = TAG.sub(lambda m: _blank(m.group()), skeleton)
    for run in re.finditer(rf"[^{DYNAMIC}]+", text_only):
        check(run.group(), run.start() + len(run.group()) - len(run.group().lstrip()), "text")
    for token in variables:
        for name, literal in FILTER_LITERAL.findall(token.contents):
            if name not in FORMAT_FILTERS and LETTERS.search(literal):
                found.append((token.lineno, f"filter argument: {{{{ {token.contents} }}}}"))
    return sorted(found)


def template_msgids(source: str) -> set[tuple[str | None, str]]:
    """(context, msgid) of every translate and blocktranslate tag, built as makemessages
    builds them: ``{{ name }}`` becomes ``%(name)s`` and a literal ``%`` becomes ``%%``."""
    found: set[tuple[str | None, str]] = set()
    block: list[str] | None = None
    context = None
    trimmed = False
    for token in Lexer(source).tokenize():
        bits = list(smart_split(token.contents)) if token.token_type == TokenType.BLOCK else []
        tag = bits[0] if bits else ""
        if block is not None:
            if tag in ("endblocktranslate", "endblocktrans", "plural"):
                msgid = "".join(block)
                if trimmed:
                    msgid = translation.trim_whitespace(msgid)
                found.add((context, msgid))
                block = [] if tag == "plural" else None
            elif token.token_type == TokenType.VAR:
                block.append(f"%({token.contents.strip()})s")
            elif token.token_type == TokenType.TEXT:
                block.append(token.contents.replace("%", "%%"))
            continue
        if token.token_type in (TokenType.VAR, TokenType.BLOCK):  # {{ x|default:_("none") }}
            for literal in I18N_LITERAL.findall(token.contents):
                found.add((None, unescape_string_literal(literal).replace("%", "%%")))
        context = None
        if "context" in bits[:-1]:
            context = unescape_string_literal(bits[bits.index("context") + 1])
        if tag in ("translate", "trans") and bits[1][0] in "\"'":
            found.add((context, unescape_string_literal(bits[1]).replace("%", "%%")))
        elif tag in ("blocktranslate", "blocktrans"):
            block, trimmed = [], "trimmed" in bits
    return found


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH), encoding="utf-8")


def _forms(entry: polib.POEntry) -> list[tuple[str, str, int]]:
    """(msgid, Danish, a count that selects it): one form, or singular and plural."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr, 1)]
    return [
        (entry.msgid, entry.msgstr_plural.get(0, ""), 1),
        (entry.msgid_plural, entry.msgstr_plural.get(1, ""), 2),
    ]


# --- the templates -----------------------------------------------------------------------


def test_the_template_walk_finds_the_templates():
    assert len(TEMPLATES) >= 15
    assert TEMPLATE_DIR / "base.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_every_visible_template_text_is_translated(path):
    problems = untranslated_texts(path.read_text(encoding="utf-8"))
    assert problems == [], "\n".join(f"{path.name}:{line}: {text}" for line, text in problems)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_every_template_compiles(path):
    """A template that uses ``translate`` without ``{% load i18n %}`` fails here."""
    get_template(str(path.relative_to(TEMPLATE_DIR)))


def test_every_template_message_is_in_the_catalogue():
    catalogue = {(e.msgctxt, msgid) for e in _catalogue() for msgid, _, _ in _forms(e)}
    used = set().union(*(template_msgids(p.read_text(encoding="utf-8")) for p in TEMPLATES))
    assert len(used) > 150
    assert sorted(used - catalogue, key=str) == [], "run `make messages` (docs/i18n.md)"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("<p>Hej</p>", ["text: 'Hej'"]),
        ('<p>{% translate "Hi" %} – {{ x }}</p>', []),
        ("<p>{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}.</p>", []),
        ('<a title="Luk" href="/x/">{% translate "Close" %}</a>', ["attribute title: 'Luk'"]),
        ("<nav aria-label=\"{% translate 'Pages' %}\"></nav>", []),
        ('<input placeholder="fx 12">', ["attribute placeholder: 'fx 12'"]),
        ('<input type="submit" value="Gem">', ["attribute value: 'Gem'"]),
        ('<input type="hidden" name="by" value="konto">', []),
        ('<td class="num">{{ x|date:"d-m-Y" }}</td>', []),
        ('<td>{{ x|default:"ingen" }}</td>', ['filter argument: {{ x|default:"ingen" }}']),
        ('<td>{{ x|default:_("none") }}</td>', []),
        ("{% comment %}Noter{% endcomment %}<!-- ikke vist --><b>&nbsp;&amp;</b>", []),
        ("<title>{% block title %}Socialstyring{% endblock %} · Socialstyring</title>", []),
    ],
)
def test_the_template_check_itself(source, expected):
    assert [text for _, text in untranslated_texts(source)] == expected


def test_template_msgids_are_built_as_makemessages_builds_them():
    source = (
        '{% translate "Action" context "audit" %}{% translate "100% sure" %}'
        "{% blocktranslate with d=x|dato %}As of {{ d }}{% endblocktranslate %}"
        "{% blocktranslate trimmed %}\n  Two\n  lines\n{% endblocktranslate %}"
    )
    assert template_msgids(source) == {
        ("audit", "Action"),
        (None, "100%% sure"),
        (None, "As of %(d)s"),
        (None, "Two lines"),
    }


# --- the catalogue -----------------------------------------------------------------------


def test_every_entry_has_a_danish_translation_and_none_is_fuzzy():
    catalogue = _catalogue()
    assert catalogue.metadata["Language"] == "da"
    assert not catalogue.metadata_is_fuzzy
    assert len(catalogue) > 150
    assert [m for e in catalogue for m, danish, _ in _forms(e) if not danish.strip()] == []
    assert [e.msgid for e in catalogue if e.fuzzy] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []


def test_translations_keep_the_placeholders_and_markup():
    placeholder = re.compile(r"%\(\w+\)s|<[^>]+>")
    catalogue = _catalogue()
    assert [
        msgid
        for e in catalogue
        for msgid, danish, _ in _forms(e)
        if sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(danish))
    ] == []


def test_the_compiled_catalogue_is_current():
    """The install step has compiled the tracked .po: same entries in the .mo."""
    mo_path = PO_PATH.with_suffix(".mo")
    assert mo_path.exists(), "the catalogue is not compiled: run `make install`"
    compiled = {(e.msgctxt, e.msgid, e.msgstr) for e in polib.mofile(str(mo_path))}
    tracked = {(e.msgctxt, e.msgid, e.msgstr) for e in _catalogue().translated_entries()}
    assert compiled == tracked, "the .mo is out of date: run `python -m socialstyring.i18n`"


def test_every_catalogue_entry_is_what_django_translates_to():
    with translation.override("da"):
        wrong = [(e.msgid, e.msgstr) for e in _catalogue() if _django_danish(e) != _forms(e)]
    assert wrong == []


def _django_danish(e: polib.POEntry) -> list[tuple[str, str, int]]:
    if e.msgid_plural:
        return [
            (msgid, translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n), n)
            if e.msgctxt
            else (msgid, translation.ngettext(e.msgid, e.msgid_plural, n), n)
            for msgid, _, n in _forms(e)
        ]
    if e.msgctxt:
        return [(e.msgid, translation.pgettext(e.msgctxt, e.msgid), 1)]
    return [(e.msgid, translation.gettext(e.msgid), 1)]


@pytest.mark.django_db
def test_the_login_page_is_shown_in_danish():
    page = Client().get(reverse("login")).content.decode()
    assert '<html lang="da">' in page
    for danish in ("Log ind", "Brugernavn", "Adgangskode", "Gå til indhold"):
        assert danish in page
    for english in ("Username", "Password", "Skip to content"):
        assert english not in page


@pytest.mark.django_db
def test_a_failed_login_is_explained_in_danish():
    response = Client().post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert "Forkert brugernavn eller adgangskode." in response.content.decode()


def test_navigation_labels_are_translated():
    from socialstyring.web.context import NAV

    with translation.override("da"):
        labels = [str(label) for _, label, _ in NAV]
    assert labels[:3] == ["Overblik", "Bevillinger", "Budgetopfølgninger"]


# --- the install step --------------------------------------------------------------------


def test_compile_catalogues_writes_the_translated_entries_only(tmp_path):
    folder = tmp_path / "da" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "da"}
    po.append(polib.POEntry(msgid="Save", msgstr="Gem"))
    po.append(polib.POEntry(msgid="Action", msgctxt="audit", msgstr="Handling"))
    po.append(polib.POEntry(msgid="Guess", msgstr="Gæt", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    po.save(str(folder / "django.po"))

    assert i18n.compile_catalogues(tmp_path) == [folder / "django.mo"]
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(folder / "django.mo"))}
    assert compiled == {(None, "Save"): "Gem", ("audit", "Action"): "Handling"}


def test_the_command_compiles_the_app_catalogue_and_fails_without_one(tmp_path, capsys):
    shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")
    assert i18n.main(tmp_path / "locale") == 0
    assert (tmp_path / "locale/da/LC_MESSAGES/django.mo").exists()
    assert "compiled locale/da/LC_MESSAGES/django.mo" in capsys.readouterr().out
    assert i18n.main(tmp_path / "empty") == 1
