"""HTML plans: one self-contained page, every piece of text escaped, print CSS per session."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .test_plan import PLAN_ARGS, client, write_program  # noqa: F401  (the fixture)

SCRIPT = "<script>alert(1)</script>"
OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "div",
    "strong",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "br",
    "ul",
    "li",
}


class Page(HTMLParser):
    """The tags, their attributes and the text of a page, as a browser would read them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)

    @property
    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    def sections(self, kind: str) -> int:
        return sum(
            1
            for tag, attrs in self.tags
            if tag == "section" and kind in (attrs.get("class") or "").split()
        )


def _html(run, *args: str) -> str:
    result = run("plan", *args, "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_client_named_like_a_script_is_only_text(client):  # noqa: F811
    html = _html(client, "--date", "2026-01-13", "--client", SCRIPT, "--notes", f"x {SCRIPT}")
    page = Page(html)
    assert "script" not in page.names
    assert page.names <= OUR_TAGS
    assert f"Weekly plan for {SCRIPT}" in "".join(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_names_from_a_users_program_file_are_escaped(run, oneup_home):
    write_program(
        oneup_home,
        "evil",
        '<img src=x onerror="alert(1)"> & Co',
        "<b>Start</b>",
        "</td><script>x()</script>",
    )
    html = _html(run, "--program", "evil", "--start", "2026-03-02", "--date", "2026-03-02")
    page = Page(html)
    assert page.names <= OUR_TAGS
    text = "".join(page.text)
    assert '<img src=x onerror="alert(1)"> & Co' in text
    assert "<b>Start</b> phase" in text
    assert "</td><script>x()</script>" in text


def test_page_is_self_contained(client):  # noqa: F811
    html = _html(client, *PLAN_ARGS)
    page = Page(html)
    assert "script" not in page.names and "link" not in page.names and "img" not in page.names
    for pattern in ("http://", "https://", "url(", "@import", " src="):
        assert pattern not in html, pattern


def test_print_css_breaks_pages_per_week_overview_and_per_session(client):  # noqa: F811
    html = _html(client, *PLAN_ARGS, "--paper", "letter")
    page = Page(html)
    assert page.sections("week") == 2 and page.sections("session") == 4
    assert "section.page + section.page { break-before: page;" in html
    assert "@page { size: letter;" in html
    assert "@page { size: A4;" in _html(client, *PLAN_ARGS, "--paper", "a4")


def test_type_is_at_least_eleven_points(client):  # noqa: F811
    html = _html(client, *PLAN_ARGS)
    sizes = [float(s) for s in re.findall(r"font-size: (\d+(?:\.\d+)?)pt", html)]
    assert sizes and min(sizes) >= 11
    assert not re.search(r"font-size: [\d.]+(px|em|rem|%)", html)


@pytest.mark.parametrize("week", ["3", "4"])
def test_each_session_has_boxes_to_write_in_and_the_stop_rules(client, week):  # noqa: F811
    html = _html(client, *PLAN_ARGS[:2], "--week", week)
    sessions = html.split('<section class="page session">')[1:]
    assert len(sessions) == 2
    for section in sessions:
        assert section.count('<td class="box"></td>') >= 10
        assert "Stop and get help if" in section
        assert "not medical advice" in section
