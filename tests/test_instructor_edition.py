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
    pages,
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


# The pages of the instructor edition's own: the solutions, and the pages that list them or
# name the edition. Every other page is a student-edition page (test_book.py checks each with
# every rule) built from the same source and configuration (instructor_edition.write_sources
# changes only the title, the excluded folders and paths); only the navigation around the
# article lists more pages. That navigation is the same on every page of the edition, so it
# is checked on the pages of its own and on a sample of the shared kinds of page: a lecture
# notebook, a homework page (whose "next" link leads to its master) and a chapter page.
OWN_PAGES = frozenset({"book/intro.html", "index.html", "genindex.html", "search.html"}
                      | {f"solutions/{master.stem}.html" for master in MASTERS})
SHARED_SAMPLE = frozenset({"notebooks/ch07_lstm.html", "exercises/ch07_lstm.html",
                           "book/ch07.html"})
EXAMINED = sorted(OWN_PAGES | SHARED_SAMPLE)


@pytest.fixture(scope="module")
def instructor_pages(instructor_site, browser):  # noqa: F811
    """The pages of the edition's own and the shared sample, opened once in Chromium
    (test_book.visit). The sample skips the colour-contrast rule: its article and stylesheet
    are the student edition's, whose contrast test_book.py checks; the pages of its own get
    every rule."""
    with serve(instructor_site) as base:
        return visit(browser, base, instructor_site, only=frozenset(EXAMINED),
                     contrast_checked_elsewhere=SHARED_SAMPLE)


def test_instructor_edition_builds_with_solutions(instructor_site):
    """make book-instructor: same book plus every master, warnings as errors."""
    html = instructor_site
    for master in MASTERS:
        page = html / "solutions" / f"{master.stem}.html"
        assert page.exists(), f"{master.name} missing from the instructor edition"
    assert "instructor edition" in (html / "book" / "intro.html").read_text()


def test_every_page_is_examined_here_or_in_the_student_edition(instructor_site,
                                                                instructor_pages):
    """The edition has exactly the expected pages; those of its own and the sample are
    examined here, and every other one is a page of the student edition."""
    built = [p.relative_to(instructor_site).as_posix() for p in pages(instructor_site)]
    assert built == INSTRUCTOR_PAGES
    assert sorted(instructor_pages) == EXAMINED
    assert SHARED_SAMPLE <= set(STUDENT_PAGES)
    assert set(INSTRUCTOR_PAGES) - OWN_PAGES == set(STUDENT_PAGES) - OWN_PAGES


@pytest.mark.parametrize("page_path", EXAMINED)
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


def test_the_edition_differs_from_the_student_one_only_where_it_must(tmp_path):
    """What lets the shared pages go unexamined here: the configuration is the student one
    but for the title, the solutions no longer excluded, and absolute extension paths; the
    table of contents is the student one with a master after each homework page."""
    toc_path, config_path = instructor_edition.write_sources(tmp_path)
    student = yaml.safe_load((ROOT / "_config.yml").read_text())
    instructor = yaml.safe_load(config_path.read_text())
    changed = {key for key in student.keys() | instructor.keys()
               if student.get(key) != instructor.get(key)}
    assert changed == {"title", "exclude_patterns", "sphinx"}
    assert set(student["exclude_patterns"]) - set(instructor["exclude_patterns"]) == {"solutions"}
    assert {**instructor["sphinx"], "local_extensions": None} == {
        **student["sphinx"], "local_extensions": None}
    toc = yaml.safe_load(toc_path.read_text())
    with_masters = site_pages(toc)
    assert [p for p in with_masters if not p.startswith("solutions/")] == STUDENT_PAGES
