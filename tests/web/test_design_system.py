"""The Danish design system (DKFDS): vendored whole, served by the app, applied globally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.contrib.staticfiles import finders

STATIC = Path(__file__).resolve().parents[2] / "src" / "socialstyring" / "web" / "static"
DKFDS = STATIC / "dkfds"


def test_every_file_the_stylesheet_names_is_vendored_and_nothing_else_is_large():
    css = (DKFDS / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    named = {
        re.sub(r"[?#].*$", "", url.strip("'\""))
        for url in re.findall(r"url\(([^)]*)\)", css)
        if not url.startswith(("data:", "'data:", '"data:'))
    }
    assert named, "the stylesheet names no fonts or icons"
    missing = [url for url in named if not (DKFDS / "css" / url).resolve().is_file()]
    assert missing == []
    assert "sourceMappingURL" not in css
    shipped = [p for p in DKFDS.rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.suffix == ".map" or p.suffix == ".scss"]
    assert sum(p.stat().st_size for p in shipped) < 4 * 1024 * 1024
    notice = (DKFDS / "NOTICE.md").read_text(encoding="utf-8")
    assert re.search(r"version \d+\.\d+\.\d+", notice) and "MIT" in notice


def test_the_app_serves_the_design_system_itself():
    names = ("dkfds/css/dkfds.min.css", "dkfds/img/all-svg-icons.svg", "socialstyring/site.css")
    for name in names:
        assert finders.find(name), name


@pytest.mark.django_db
def test_every_page_has_the_header_skip_link_and_a_focusable_main(client):
    html = client.get("/login/").content.decode()
    assert "/static/dkfds/css/dkfds.min.css" in html
    assert "https://" not in html.split("</head>")[0]  # no CDN
    assert '<a class="skipnav" href="#main-content">Gå til indhold</a>' in html
    assert '<main id="main-content" class="container" tabindex="-1">' in html
    assert '<header class="header">' in html


class _Example(forms.Form):
    name = forms.CharField(label="Navn", help_text="Som i sagssystemet")
    kind = forms.ChoiceField(label="Art", choices=[("a", "A"), ("b", "B")])
    final = forms.BooleanField(label="Endelig", required=False)
    tags = forms.MultipleChoiceField(label="Mærker", choices=[("x", "X")], required=False)


@pytest.mark.parametrize("render", [str, lambda form: form.as_p(), lambda form: form.as_div()])
def test_every_form_renders_in_the_design_systems_markup(render):
    form = _Example(data={"kind": "c"})
    assert not form.is_valid()
    html = render(form)
    assert len(re.findall(r'class="form-group[ "]', html)) == 4
    assert 'class="form-group form-error' in html
    assert re.search(r'<input type="text" name="name"[^>]*class="form-input"', html)
    assert re.search(r'<select name="kind"[^>]*class="form-select"', html)
    assert re.search(r'<label for="id_name" class="form-label"', html)
    assert '<span class="form-hint" id="id_name_helptext">Som i sagssystemet</span>' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html
    assert html.count('class="form-error-message"') == 2
    # The checkbox stands before its label; the multiple select keeps the browser's look.
    assert re.search(r'<input type="checkbox" name="final"[^>]*>\s*<label for="id_final"', html)
    assert re.search(r'<select name="tags"(?![^>]*form-select)[^>]*multiple', html)
