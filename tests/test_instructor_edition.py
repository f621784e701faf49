"""The instructor edition (make book-instructor): the student edition plus every homework
master, built with warnings as errors and as accessible as the student edition.

A file of its own, so that pytest-xdist (--dist loadfile) can open it in Chromium on one
worker while test_book.py does the student edition on the other."""

import pytest
import yaml

import instructor_edition
from conftest import MASTERS, ROOT
from test_book import (  # noqa: F401 (browser is a fixture)
    NOT_BUILT,
    STUDENT_PAGES,
    browser,
    serve,
    site_image_problems,
    site_pages,
    visit,
    wcag_violations,
)

TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
INSTRUCTOR_PAGES = site_pages({**TOC, "parts": instructor_edition.add_solutions(TOC["parts"])})


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory):
    """Build the instructor edition into a temporary folder, as `make book-instructor` does."""
    out = tmp_path_factory.mktemp("instructor")
    result = instructor_edition.build(out)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    return out / "_build" / "html"


@pytest.fixture(scope="module")
def instructor_pages(instructor_site, browser):  # noqa: F811
    """Every page of the instructor edition, opened once in Chromium (test_book.visit).
    Its lecture, exercise and appendix pages have the student edition's article and
    stylesheet (only the navigation lists more pages, in the same style), and test_book.py
    checks their colour contrast there; every other WCAG rule runs on every page here, and
    the pages of its own (the solutions, the intro that names the edition) get all rules."""
    own = {"book/intro.html", "index.html", "genindex.html", "search.html"}
    shared = frozenset(STUDENT_PAGES) - own
    with serve(instructor_site) as base:
        return visit(browser, base, instructor_site, contrast_checked_elsewhere=shared)


def test_instructor_edition_builds_with_solutions(instructor_site):
    """make book-instructor: same book plus every master, warnings as errors."""
    html = instructor_site
    for master in MASTERS:
        page = html / "solutions" / f"{master.stem}.html"
        assert page.exists(), f"{master.name} missing from the instructor edition"
    assert "instructor edition" in (html / "book" / "intro.html").read_text()


def test_every_page_is_examined(instructor_pages):
    assert sorted(instructor_pages) == INSTRUCTOR_PAGES
    assert {f"solutions/{master.stem}.html" for master in MASTERS} <= set(INSTRUCTOR_PAGES)


@pytest.mark.parametrize("page_path", INSTRUCTOR_PAGES)
def test_axe_finds_no_wcag_violation(page_path, instructor_pages):
    """axe-core, with its WCAG 2.0/2.1 A and AA rules, finds nothing on this page, and every
    formula on it has assistive MathML."""
    found = wcag_violations({page_path: instructor_pages.get(page_path, NOT_BUILT)})
    assert not found, f"{len(found)} WCAG violations:\n" + "\n".join(found)


def test_every_image_has_alt_text_and_every_figure_a_caption(instructor_site):
    """As test_book.py's test of the same name, on the instructor edition."""
    figures, problems = site_image_problems(instructor_site)
    assert figures > 0
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
