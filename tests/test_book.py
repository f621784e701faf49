"""The book builds with warnings as errors, works offline, and renders in a real browser."""

import functools
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import EXERCISES, LECTURES, MASTERS, ROOT
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


def test_instructor_edition_builds_with_solutions(tmp_path):
    """make book-instructor: same book plus every master, warnings as errors."""
    import instructor_edition

    result = instructor_edition.build(tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    html = tmp_path / "_build" / "html"
    for master in MASTERS:
        page = html / "solutions" / f"{master.stem}.html"
        assert page.exists(), f"{master.name} missing from the instructor edition"
    assert "instructor edition" in (html / "book" / "intro.html").read_text()


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


@pytest.fixture(scope="module")
def server(site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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


@pytest.mark.parametrize("page_path", BROWSER_PAGES)
def test_page_renders_offline_in_chromium(page_path, server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{server}/{page_path}", wait_until="load")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    typeset = page.evaluate(
        "MathJax.startup.promise.then(() => document.querySelectorAll('mjx-container').length)")
    errors = page.evaluate("document.querySelectorAll('mjx-merror').length")
    page.evaluate("Promise.all(Array.from(document.images).map(i => i.decode().catch(() => 0)))")
    missing = page.evaluate(
        "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.getAttribute('src'))")
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    page.close()
    assert typeset > 0, f"{page_path}: MathJax typeset no math"
    assert errors == 0, f"{page_path}: {errors} math errors"
    assert not missing, f"{page_path}: images not loaded: {missing}"
    assert not outside, f"{page_path}: requests left the site: {outside}"


def test_lecture_pages_show_their_figures(site):
    """Each stored figure of a lecture notebook appears on its page as an image."""
    for notebook in LECTURES:
        stored = notebook.read_text().count('"image/png"')
        html = (site / notebook.relative_to(ROOT)).with_suffix(".html").read_text()
        shown = len(re.findall(r"<img[^>]+src=\"[^\"]+\.png\"", html))
        assert shown >= stored > 0, f"{notebook.name}: {stored} figures stored, {shown} shown"
