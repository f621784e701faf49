"""The book builds with warnings as errors, works offline, renders in a real browser, meets
WCAG 2.1 A/AA as far as axe-core and the figure checks can tell, and its publishing
workflow is valid."""

import contextlib
import functools
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml

import slides
from conftest import EXERCISES, LECTURES, PACED, ROOT
from kernels import tool

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the book into a temporary folder, exactly as `make book` does."""
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [tool("jupyter-book"), "build", str(ROOT), "--path-output", str(out),
         "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, cwd=ROOT)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "WARNING" not in log.replace("WARNING: Location", ""), log[-5000:]
    return out / "_build" / "html"


class Links(HTMLParser):
    """Collect ids, and the href/src of every element, from one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.refs, self.scripts = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.refs.append(attrs[key])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


@functools.cache
def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_student_edition_has_no_solutions(site):
    assert not (site / "solutions").exists()
    for page in (site / "exercises").glob("*.html"):
        assert "BEGIN SOLUTION" not in page.read_text(encoding="utf-8"), page


def test_every_internal_link_resolves(site):
    broken = []
    for page in pages(site):
        for ref in parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("//", "mailto:", "javascript:", "data:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {ref}")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in parse(target).ids:
                    broken.append(f"{page.relative_to(site)} -> {ref} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_no_script_or_math_from_a_cdn(site):
    for page in pages(site):
        for src in parse(page).scripts:
            assert not urlsplit(src).scheme and not src.startswith("//"), (page, src)
        assert "cdn.jsdelivr" not in page.read_text(encoding="utf-8"), page
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()


def test_colab_button_on_every_notebook_page(site):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = urlsplit(config["repository"]["url"]).path.strip("/")
    branch = config["repository"]["branch"]
    for notebook in LECTURES + EXERCISES:
        rel = notebook.relative_to(ROOT).as_posix()
        html = (site / rel).with_suffix(".html").read_text(encoding="utf-8")
        expected = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{rel}"
        assert expected in html, f"no Colab button for {rel}"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on a free local port; yield its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is needed for the browser test: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


BROWSER_PAGES = ["book/intro.html"] + [
    p.relative_to(ROOT).with_suffix(".html").as_posix() for p in LECTURES]


def toc_files(entries: list) -> list[str]:
    """Every file named in a list of table-of-contents entries, depth first."""
    found = []
    for entry in entries:
        found += [entry["file"]] if "file" in entry else []
        for key in ("parts", "chapters", "sections"):
            found += toc_files(entry.get(key, []))
    return found


def site_pages(toc: dict) -> list[str]:
    """The HTML pages a book with this table of contents has: one per file, the index and
    search pages, the index.html that leads to the root page, and a slide deck per lecture
    notebook (every notebook but the Going deeper ones)."""
    files = [toc["root"], *toc_files(toc["parts"])]
    decks = {f"slides/{Path(name).name}.html" for name in files
             if name.startswith("notebooks/") and "_deeper" not in name}
    return sorted({f"{name}.html" for name in files}
                  | {"genindex.html", "index.html", "search.html"} | decks)


STUDENT_PAGES = site_pages(yaml.safe_load((ROOT / "_toc.yml").read_text()))

# Accessibility: WCAG 2.0 and 2.1, levels A and AA, checked by axe-core (npm, pinned in
# tests/package-lock.json, installed by `make test`).
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """([tags, contrast]) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                    rules: {'color-contrast': {enabled: contrast}},
                                    resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.map(n => n.target.join(' '))})))"""
# A page whose script loads MathJax is read once MathJax has typeset it.
MATH_READY = ("!document.querySelector('script[src*=\"mathjax/\"]')"
              " || (window.MathJax && MathJax.startup && MathJax.startup.promise)")
MATH_DONE = "window.MathJax && MathJax.startup ? MathJax.startup.promise.then(() => 0) : 0"
# What the page shows: typeset formulas, math errors, formulas without the assistive MathML
# that a screen reader reads, and images that did not load.
RENDERED = """() => Promise.all(Array.from(document.images).map(i => i.decode().catch(() => 0)))
  .then(() => ({
    typeset: document.querySelectorAll('mjx-container').length,
    errors: document.querySelectorAll('mjx-merror').length,
    unspoken: Array.from(document.querySelectorAll('mjx-container'))
      .filter(c => !c.querySelector(':scope > mjx-assistive-mml > math')).length,
    missing: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
      .map(i => i.getAttribute('src')),
  }))"""
# A deck is examined in reveal.js's print view (?print-pdf), where every slide is laid out
# and visible, so that axe-core and the image and formula checks see all of them; it is
# read once laid out (window.deckReady, from tools/slides_templates/deck.html.j2).
DECK_READY = "window.deckReady"
DECK_DONE = "deckReady.then(() => 0)"
DECK_INFO = r"""() => ({slides: Reveal.getTotalSlides(),
  notes: document.querySelectorAll('aside.notes').length,
  figures: document.querySelectorAll('figure.deck-figure img[alt]').length,
  untypeset: Array.from(document.querySelectorAll('.jp-MarkdownCell')).flatMap(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const left = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('code, pre, mjx-container') && /\$|\\\(|\\\[/.test(n.data)) {
        left.push(n.data.trim().slice(0, 60));
      }
    }
    return left;
  })})"""
REFRESH = re.compile(r"<meta\s+http-equiv=\"refresh\"\s+content=\"0;\s*url=([^\"]+)\"\s*/?>",
                     re.IGNORECASE)


def serve_text(body: str):
    """A route handler that answers with this HTML instead of the file."""
    return lambda route: route.fulfill(body=body, content_type="text/html; charset=utf-8")


def visit(browser, base: str, html: Path, shots: Path | None = None,
          contrast_checked_elsewhere: frozenset = frozenset(),
          only: frozenset | None = None) -> dict[str, dict]:
    """Open every page of a built site once, in one browser tab, and report on each.

    A report has what the page rendered (RENDERED), the requests it tried to send out of
    the site (refused), axe-core's WCAG 2.0/2.1 A and AA violations, and any error met on
    the way; for a slide deck (slides/), also its slides, notes and figures (DECK_INFO).
    With ``shots``, lecture pages (BROWSER_PAGES) are saved there as screenshots.
    Pages in ``contrast_checked_elsewhere`` skip axe's colour-contrast rule (the slowest:
    seconds per page of highlighted code), for pages whose content and stylesheet another
    edition's run has already checked. With ``only``, just those pages are opened."""
    assert AXE.is_file(), f"axe-core is not installed ({AXE}): `make test` runs npm ci in tests/"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    reports = {}
    for path in pages(html):
        rel, url = path.relative_to(html).as_posix(), f"{base}/{path.relative_to(html).as_posix()}"
        if only is not None and rel not in only:
            continue
        outside.clear()
        report = reports[rel] = {"error": None, "violations": []}
        try:
            text = path.read_text(encoding="utf-8")
            redirect = REFRESH.search(text)
            if redirect:
                # A redirect page would be left before it is examined: serve it without its
                # <meta refresh> (an immediate redirect passes WCAG 2.2.1), and check that
                # it leads to a page of the site.
                assert (path.parent / redirect.group(1)).is_file(), "redirects to nothing"
                page.route(url, serve_text(REFRESH.sub("", text)))
            deck = rel.startswith("slides/")
            page.goto(url + ("?print-pdf" if deck else ""), wait_until="load")
            if deck:
                page.wait_for_function(DECK_READY)
                page.evaluate(DECK_DONE)
                report.update(page.evaluate(DECK_INFO))
            page.wait_for_function(MATH_READY)
            page.evaluate(MATH_DONE)
            report.update(page.evaluate(RENDERED))
            if shots and rel in BROWSER_PAGES:
                page.screenshot(path=str(shots / rel.replace("/", "_").replace(".html", ".png")))
            page.add_script_tag(path=str(AXE))
            report["violations"] = page.evaluate(
                AXE_RUN, [WCAG_TAGS, rel not in contrast_checked_elsewhere])
        except Exception as error:  # reported per page by the tests below
            report["error"] = f"{type(error).__name__}: {error}"
        finally:
            page.unroute(url)
        report["outside"] = list(outside)
    page.close()
    return reports


def test_axe_finds_planted_violations_and_skips_only_contrast_when_told(browser, tmp_path):
    """The accessibility check can fail: a faint paragraph and an image without alt text are
    both reported, and skipping the colour-contrast rule keeps every other rule."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>planted</title></head><body><main>'
        '<p style="color:#c8c8c8;background:#ffffff">faint text</p><img src="none.png">'
        '</main></body></html>')
    with serve(tmp_path) as base:
        full = visit(browser, base, tmp_path)["bad.html"]["violations"]
        lighter = visit(browser, base, tmp_path,
                        contrast_checked_elsewhere=frozenset({"bad.html"}))["bad.html"]
    found = {v["id"] for v in full}
    assert {"color-contrast", "image-alt"} <= found
    assert {v["id"] for v in lighter["violations"]} == found - {"color-contrast"}


@pytest.fixture(scope="module")
def student_pages(site, server, browser, tmp_path_factory):
    """Every page of the student edition, opened once in Chromium (see `visit`)."""
    return visit(browser, server, site, tmp_path_factory.mktemp("screenshots"))


@pytest.mark.parametrize("page_path", BROWSER_PAGES)
def test_page_renders_offline_in_chromium(page_path, student_pages):
    """Math typeset (with the assistive MathML a screen reader reads), images loaded,
    nothing fetched from outside the site."""
    report = student_pages[page_path]
    assert report["error"] is None, f"{page_path}: {report['error']}"
    typeset, unspoken = report["typeset"], report["unspoken"]
    assert typeset > 0, f"{page_path}: MathJax typeset no math"
    assert report["errors"] == 0, f"{page_path}: {report['errors']} math errors"
    assert unspoken == 0, f"{page_path}: {unspoken} of {typeset} formulas without assistive MathML"
    assert not report["missing"], f"{page_path}: images not loaded: {report['missing']}"
    assert not report["outside"], f"{page_path}: requests left the site: {report['outside']}"


@pytest.mark.parametrize("notebook", PACED, ids=lambda p: p.stem)
def test_deck_renders_offline_in_chromium(notebook, student_pages):
    """The lecture's slide deck: every slide of the notebook's structure is in the deck,
    formulas typeset with assistive MathML, images loaded, nothing fetched from outside
    the site, and the speaker notes there when the notebook has some. (axe-core examines
    the deck in test_axe_finds_no_wcag_violation, all slides laid out in the print view.)"""
    rel = f"slides/{notebook.stem}.html"
    report = student_pages.get(rel, NOT_BUILT)
    assert report["error"] is None, f"{rel}: {report['error']}"
    nb = nbformat.read(notebook, as_version=4)
    expected = slides.slide_count(nb)
    assert report["slides"] == expected, f"{rel}: {report['slides']} slides, expected {expected}"
    low, high = slides.slide_count_range(slides.pacing.stated_minutes(nb))
    assert low <= report["slides"] <= high, f"{rel}: {report['slides']} slides, rule {low}-{high}"
    has_math = any("$" in cell.source for cell in nb.cells
                   if cell.cell_type == "markdown" and slides.slide_type(cell) != "skip")
    assert report["typeset"] > 0 or not has_math, f"{rel}: MathJax typeset no math"
    assert report["errors"] == 0 and report["unspoken"] == 0, f"{rel}: math not typeset"
    assert not report["untypeset"], f"{rel}: math left as TeX: {report['untypeset'][:5]}"
    assert not report["missing"], f"{rel}: images not loaded: {report['missing']}"
    assert not report["outside"], f"{rel}: requests left the site: {report['outside']}"
    notes = sum(slides.slide_type(cell) == "notes" for cell in nb.cells)
    assert report["notes"] >= notes, f"{rel}: {notes} notes cells, {report['notes']} in the deck"
    figures = sum(slides.is_figure(cell) for cell in nb.cells)
    assert report["figures"] == figures, f"{rel}: {figures} figures, {report['figures']} shown"


def test_deck_checks_find_planted_problems(browser, tmp_path):
    """The deck checks can fail: a formula left as TeX (an unmatched dollar), a notes cell
    and a figure are all seen in a planted deck, and a planted outside request is reported."""
    new_cell = nbformat.v4.new_markdown_cell
    cells = [new_cell("# Planted\n\n**Time**: about 6 minutes."),
             new_cell("## Costs\n\nIt costs $5 and $x^2$ is not typeset whole."),
             new_cell("Notes for the speaker."),
             new_cell('<img src="https://example.org/x.png" alt="outside">')]
    nb = nbformat.v4.new_notebook(cells=cells)
    slides.mark(nb)
    nb.cells[2].metadata["slideshow"]["slide_type"] = "notes"
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "planted.html").write_text(slides.export(nb, {}), encoding="utf-8")
    slides.copy_reveal(tmp_path)
    slides.copy_mathjax(tmp_path)
    with serve(tmp_path) as base:
        report = visit(browser, base, tmp_path, only=frozenset({"slides/planted.html"}))
    report = report["slides/planted.html"]
    assert report["error"] is None, report["error"]
    assert report["slides"] == 2 and report["notes"] == 1
    assert any("$" in text for text in report["untypeset"]), report["untypeset"]
    assert report["outside"] == ["https://example.org/x.png"]


def test_every_lecture_page_and_chapter_page_links_its_decks(site):
    """The lecture page links its deck under the title (tools/sphinxext/lecture_slides.py);
    the chapter page that lists the lecture links it too; every deck is in the site."""
    for notebook in PACED:
        deck = f"slides/{notebook.stem}.html"
        assert (site / deck).is_file(), f"no deck {deck} in the site"
        page = (site / notebook.relative_to(ROOT)).with_suffix(".html")
        assert f'href="../{deck}"' in page.read_text(encoding="utf-8"), f"{page.name}: no deck link"
        chapters = [p for p in (ROOT / "book").glob("ch*.md")
                    if f"../notebooks/{notebook.name}" in p.read_text(encoding="utf-8")]
        assert chapters, f"no chapter page lists {notebook.name}"
        for chapter in chapters:
            built = (site / "book" / f"{chapter.stem}.html").read_text(encoding="utf-8")
            assert f'href="../{deck}"' in built, f"{chapter.name} does not link {deck}"
    assert sorted(p.name for p in (site / "slides").glob("*.html")) == sorted(
        f"{p.stem}.html" for p in PACED)


def test_lecture_pages_show_their_figures(site):
    """Each stored figure of a notebook appears on its page as an image. (A notebook may
    have none, e.g. chapter 10's table of trained models; the count over all of them keeps
    the test from passing on a pattern that matches nothing.)"""
    with_figures = 0
    for notebook in LECTURES:
        stored = notebook.read_text().count('"image/png"')
        html = (site / notebook.relative_to(ROOT)).with_suffix(".html").read_text()
        shown = len(re.findall(r"<img[^>]+src=\"[^\"]+\.png\"", html))
        assert shown >= stored, f"{notebook.name}: {stored} figures stored, {shown} shown"
        with_figures += stored > 0
    assert with_figures >= len(LECTURES) // 2, "most notebooks draw figures: check the pattern"


NOT_BUILT = {"error": "no such page in the built site", "violations": []}


def wcag_violations(reports: dict[str, dict]) -> list[str]:
    """One line per axe-core violation in `visit`'s reports, per page that could not be
    examined, and per page with formulas that a screen reader cannot read."""
    found = []
    for rel, report in reports.items():
        if report["error"]:
            found.append(f"{rel}: not examined: {report['error']}")
        if report.get("unspoken"):
            found.append(f"{rel}: {report['unspoken']} formulas without assistive MathML")
        for v in report["violations"]:
            found.append(f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes: "
                         f"{', '.join(v['nodes'][:3])}): {v['help']}")
    return found


def test_every_page_is_examined(student_pages):
    assert sorted(student_pages) == STUDENT_PAGES


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_axe_finds_no_wcag_violation(page_path, student_pages):
    """axe-core, with its WCAG 2.0/2.1 A and AA rules, finds nothing on this page of the
    student edition, and every formula on it has assistive MathML (test_instructor_edition.py
    does the same for the instructor edition).

    Problems that came from the theme are fixed in tools/sphinxext/accessible_html.py,
    never by leaving a rule out."""
    found = wcag_violations({page_path: student_pages.get(page_path, NOT_BUILT)})
    assert not found, f"{len(found)} WCAG violations:\n" + "\n".join(found)


class Figures(HTMLParser):
    """Every <img> of one page: its src, its alt text, and the caption of its <figure>."""

    def __init__(self):
        super().__init__()
        self.images = []  # (src, alt or None, caption or None when not in a figure)
        self.open = []  # the <figure> elements we are in: [images, caption parts]
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.open.append([[], []])
        elif tag == "figcaption" and self.open:
            self.in_caption = True
        elif tag == "img":
            image = (attrs.get("src", ""), attrs.get("alt"))
            if self.open:
                self.open[-1][0].append(image)
            else:
                self.images.append((*image, None))

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.in_caption = False
        elif tag == "figure" and self.open:
            images, parts = self.open.pop()
            caption = re.sub(r"^\s*Fig\.\s*[\d.]+\s*|#\s*$", "", " ".join("".join(parts).split()))
            self.images += [(*image, caption) for image in images]

    def handle_data(self, data):
        if self.in_caption and self.open:
            self.open[-1][1].append(data)


FILE_NAME = re.compile(r"^\S*\.(png|jpe?g|gif|svg|webp|pdf)$|^\S*/\S*$|^[0-9a-f]{16,}", re.I)
# "A plot of ..." says what kind of picture it is, not what it shows (STYLE.md). A diagram
# may say it is one: "Diagram of an unrolled RNN over nine steps: ..." is a description.
NOT_A_DESCRIPTION = re.compile(r"^(an? )?(plot|image|figure|graph|chart|picture)( of)?\b", re.I)


def image_problems(src: str, alt: str | None, caption: str | None) -> list[str]:
    """What keeps one <img> from being accessible: the empty list when nothing does.

    Every image needs alt text that is not a file name. A figure of the book (a file under
    _images/: notebook outputs and book figures) is also a <figure> with a caption, and its
    alt text says what it shows and what to notice, not "a plot of ...", in a sentence."""
    alt = " ".join((alt or "").split())
    if not alt:
        return ["no alt text"]
    if FILE_NAME.search(alt) or alt in (src, src.rsplit("/", 1)[-1]):
        return [f"alt text is a path or file name ({alt[:60]})"]
    problems = []
    if "_images/" in src:
        if caption is None:
            problems.append("not in a <figure>")
        elif len(caption.split()) < 3:
            problems.append(f"no caption in its <figure> ({caption!r})")
        if len(alt.split()) < 6:
            problems.append(f"alt text too short to say what to notice ({alt!r})")
        if NOT_A_DESCRIPTION.match(alt):
            problems.append(f"alt text names the kind of picture, not what it shows ({alt[:40]!r})")
    return problems


def test_image_problems_are_recognised():
    """The checker below accepts a described figure and rejects each way of failing."""
    src = "../_images/1ac79d704d8b.png"
    good = ("The gradient norm falls by fifteen orders of magnitude over 50 steps for "
            "spectral radius 0.5 and grows for 1.5.")
    assert image_problems(src, good, "Norm of the gradient reaching h(k).") == []
    assert image_problems("../_static/images/logo_colab.png", "Colab logo", None) == []
    assert image_problems(src, src, "A caption") != []
    assert image_problems(src, "1ac79d704d8b.png", "A caption that is long") != []
    assert image_problems(src, "", "A caption that is long") == ["no alt text"]
    assert image_problems(src, None, "A caption that is long") == ["no alt text"]
    assert image_problems(src, good, None) == ["not in a <figure>"]
    assert image_problems(src, good, "") == ["no caption in its <figure> ('')"]
    assert len(image_problems(src, "A plot of the loss against the training step.",
                              "A caption that is long")) == 1
    assert len(image_problems(src, "Loss curve", "A caption that is long")) == 1
    parser = Figures()
    parser.feed('<figure id="f"><img alt="x" src="a.png"/><figcaption><p>'
                '<span class="caption-number">Fig. 6.1 </span><span class="caption-text">'
                'What it shows.</span><a class="headerlink" href="#f">#</a></p></figcaption>'
                '</figure><img alt="y" src="b.png">')
    assert parser.images == [("a.png", "x", "What it shows."), ("b.png", "y", None)]


def site_image_problems(html: Path) -> tuple[int, list[str]]:
    """The number of figure images in a built site, and every image problem on its pages."""
    problems, figures = [], 0
    for path in pages(html):
        parser = Figures()
        parser.feed(path.read_text(encoding="utf-8"))
        for src, alt, caption in parser.images:
            figures += "_images/" in src
            problems += [f"{path.relative_to(html)}: {src.rsplit('/', 1)[-1][:16]}: {problem}"
                         for problem in image_problems(src, alt, caption)]
    return figures, problems


def test_every_image_has_alt_text_and_every_figure_a_caption(site):
    """No image is read out as its file path; every figure is a <figure> with a caption
    (test_instructor_edition.py checks the instructor edition too).

    myst-nb renders both from a figure cell's metadata:
    {"mystnb": {"image": {"alt": "..."}, "figure": {"caption": "..."}}}."""
    figures, problems = site_image_problems(site)
    assert figures > 0
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


# Publishing: the GitHub Actions workflow that tests, builds and deploys the site.
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    """Validate a workflow file against check-jsonschema's bundled (offline) schema."""
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True)


def test_publishing_workflow_matches_the_github_schema(tmp_path):
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    # The check is not vacuous: a misspelt key is an error.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:", 1))
    assert check_workflow(broken).returncode != 0


def test_publishing_workflow_tests_builds_and_deploys():
    """On a push to main: the README's test command, then the book, then GitHub Pages."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    test_step = next(i for i, run in enumerate(runs) if ".ci/run" in run)
    book_step = next(i for i, run in enumerate(runs) if "make book" in run)
    upload = uses.index("actions/upload-pages-artifact")
    assert test_step < book_step < upload < uses.index("actions/deploy-pages")
    assert "actions/configure-pages" in uses
    assert steps[upload]["with"]["path"] == "_build/html"
    deploy = next(job for job in workflow["jobs"].values()
                  if any("actions/deploy-pages@" in s.get("uses", "") for s in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
