"""Slides: every lecture notebook carries a slide structure within the rule, the deck builder
renders the book's MyST and figures and fails clearly on what it cannot render, and the
same notebook opens as a live slideshow in JupyterLab with the RISE extension.

The decks in the built site are opened in Chromium by test_book.py (slide count, formulas,
images, speaker notes, no outside request, axe-core)."""

import re
import shutil
import socket
import subprocess
import time

import nbformat
import pytest

import slides
from conftest import PACED, ROOT
from kernels import tool
from test_book import browser  # noqa: F401 (a fixture: Chromium, the book's flags)


def notebook(*cells, minutes=10):
    """A small lecture notebook: a title cell stating its time, then the given cells."""
    title = nbformat.v4.new_markdown_cell(f"# A lecture\n\n**Time**: about {minutes} minutes.")
    return nbformat.v4.new_notebook(cells=[title, *cells])


def figure_cell(caption="A caption.", alt="What the figure shows."):
    cell = nbformat.v4.new_code_cell("plt.plot([1, 2])")
    cell.metadata["mystnb"] = {"figure": {"caption": caption}, "image": {"alt": alt}}
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})]
    return cell


@pytest.mark.parametrize("path", PACED, ids=lambda p: p.stem)
def test_every_lecture_notebook_has_its_slide_structure(path):
    """Every cell has a slide type, the title opens the deck, and the deck's length is
    within the rule for the notebook's stated time (one slide per 1.5 to 4 minutes)."""
    problems = slides.structure_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_structure_problems_are_found():
    """The structure check can fail: a cell without a slide type, an unknown type, a title
    that does not open a slide, and a deck too short or too long for its time."""
    nb = notebook(nbformat.v4.new_markdown_cell("## A section"), minutes=6)
    problems = " ".join(slides.structure_problems(nb))
    assert "2 cells have no slideshow.slide_type (cells 0, 1;" in problems
    slides.mark(nb)
    assert slides.structure_problems(nb) == []          # 2 slides for 6 minutes: 2 to 4
    assert slides.slide_count_range(6) == (2, 4) and slides.slide_count_range(75) == (19, 50)
    nb.cells[1].metadata["slideshow"]["slide_type"] = "sub-slide"
    nb.cells[0].metadata["slideshow"]["slide_type"] = "-"
    problems = " ".join(slides.structure_problems(nb))
    assert "unknown slide_type 'sub-slide'" in problems
    assert "the first cell (the title) must open a slide" in problems
    del nb.metadata["rise"]
    assert "rise metadata must name the theme 'white'" in " ".join(slides.structure_problems(nb))
    assert "0 slides for 6 minutes; the rule allows 2 to 4" in problems
    long = notebook(*[nbformat.v4.new_markdown_cell(f"## Section {i}") for i in range(9)])
    slides.mark(long)
    assert "10 slides for 10 minutes" in " ".join(slides.structure_problems(long))


def test_proposed_structure_follows_the_rule():
    """Sections open slides and subsections vertical slides; a figure stands on its own
    slide; hidden code that shows nothing, figure notes and bare asserts are skipped; the
    "Notes on the lecture slides" box becomes speaker notes; text continues a slide until
    it is full."""
    setup = nbformat.v4.new_code_cell("import numpy as np")
    setup.metadata["tags"] = ["hide-input"]
    note = nbformat.v4.new_markdown_cell("**Figure.** A caption.")
    note.metadata["tags"] = ["remove-cell"]
    printed = nbformat.v4.new_code_cell("print(1)")
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    long_text = " ".join(["word"] * 260)             # 17 lines of 80 characters
    nb = notebook(
        setup,
        nbformat.v4.new_markdown_cell("## Section"),
        nbformat.v4.new_markdown_cell("A short paragraph."),
        printed,
        figure_cell(),
        note,
        nbformat.v4.new_code_cell("assert np.allclose(1, 1)"),
        nbformat.v4.new_markdown_cell("### Subsection"),
        nbformat.v4.new_markdown_cell(long_text),
        nbformat.v4.new_markdown_cell("The slide is full."),
        nbformat.v4.new_markdown_cell("```{admonition} Notes on the lecture slides\nA.\n```"))
    assert slides.proposed_types(nb) == [
        "slide", "skip", "slide", "-", "-", "subslide", "skip", "skip", "subslide",
        "-", "subslide", "notes"]


def test_mark_keeps_what_an_instructor_set_unless_reset():
    nb = notebook(nbformat.v4.new_markdown_cell("## Section"))
    nb.cells[1].metadata["slideshow"] = {"slide_type": "subslide"}
    assert slides.mark(nb) == 1                       # only the title was unmarked
    assert slides.slide_type(nb.cells[1]) == "subslide"
    assert slides.mark(nb, reset=True) == 1
    assert slides.slide_type(nb.cells[1]) == "slide"


def test_myst_becomes_the_markdown_a_deck_renders():
    """Citations from the book's bibliography, admonitions, labels and links between the
    book's pages (as seen from slides/) are rendered; anything else is a clear error."""
    bib = slides.bibliography()
    assert bib["elman1990finding"] == ("Elman", "1990")
    text = slides.myst_to_markdown(
        "(sec-a)=\nAs {cite:t}`elman1990finding` and {cite:p}`elman1990finding,"
        "hochreiter1997long` show; see the [appendix](../book/notation.md#symbols) and "
        "[chapter 7](ch07_lstm.ipynb), the code `_l{l}` and [docs](https://pytorch.org).\n\n"
        "```{admonition} Notes on the lecture slides\n:class: note\n- One.\n```", bib)
    assert "(sec-a)=" not in text
    assert "As Elman (1990) and (Elman 1990; Hochreiter and Schmidhuber 1997) show" in text
    assert "](../book/notation.html#symbols)" in text and "](../notebooks/ch07_lstm.html)" in text
    assert "`_l{l}`" in text and "](https://pytorch.org)" in text
    assert "> **Notes on the lecture slides**\n>\n> - One." in text
    with pytest.raises(ValueError, match="not in book/references.bib: \\['nobody2099'\\]"):
        slides.myst_to_markdown("{cite:t}`nobody2099`", bib)
    with pytest.raises(ValueError, match="cannot render the MyST role {numref}"):
        slides.myst_to_markdown("see {numref}`fig-a`", bib)
    with pytest.raises(ValueError, match="cannot render the MyST directive {figure}"):
        slides.myst_to_markdown("```{figure} a.png\nA.\n```", bib)


def test_deck_shows_figures_with_their_alt_text_and_caption_and_hides_their_code():
    nb = notebook(figure_cell(caption="Loss <falls>.", alt="A falling curve."))
    slides.mark(nb)
    deck = slides.deck_notebook(nb, {})
    figure = deck.cells[1]
    assert "deck-hide-input" in figure.metadata.tags
    html = figure.outputs[0].data["text/html"]
    assert 'alt="A falling curve."' in html and "Loss &lt;falls&gt;." in html
    assert html.startswith('<figure class="deck-figure"><img src="data:image/png;base64,')
    body = slides.export(nb, {})
    assert "plt.plot" not in body and 'alt="A falling curve."' in body
    assert "cdn" not in body and "https://unpkg" not in body
    with pytest.raises(ValueError, match="needs mystnb.figure.caption and mystnb.image.alt"):
        slides.deck_notebook(notebook(figure_cell(alt="")), {})


def test_missing_reveal_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(slides, "REVEAL", tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="reveal.js is not installed .* npm ci"):
        slides.copy_reveal(tmp_path / "out")


def test_reveal_is_pinned_and_installed():
    """reveal.js comes from npm at the version the lock file pins; the files the decks load
    (with its licence) are there."""
    import json

    lock = json.loads((ROOT / "tools" / "reveal" / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/reveal.js"]["version"]
    installed = json.loads((slides.REVEAL / "package.json").read_text())["version"]
    assert pinned == installed == "6.0.2"
    assert all((slides.REVEAL / name).is_file() for name in slides.REVEAL_FILES)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_rise_presents_a_lecture_notebook_live_in_jupyterlab(tmp_path, browser):  # noqa: F811
    """JupyterLab with jupyterlab-rise (pinned in requirements.txt) opens a lecture notebook
    as a reveal.js slideshow, offline: the slides of its structure, formulas typeset, and
    no request out of the machine (the notebook's rise metadata picks the white theme,
    which needs no web font)."""
    listed = subprocess.run([tool("jupyter"), "labextension", "list"], capture_output=True,
                            text=True)
    assert re.search(r"jupyterlab-rise v0\.43\.1 \S*enabled\S* \S*OK",
                     listed.stdout + listed.stderr), listed.stdout + listed.stderr
    path = ROOT / "notebooks" / "ch03_rnn.ipynb"
    shutil.copy(path, tmp_path / path.name)   # RISE may save the notebook: work on a copy
    port, token = free_port(), "rise-test"
    server = subprocess.Popen(
        [tool("jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={tmp_path}",
         "--ServerApp.open_browser=False", "--LabApp.news_url=", "--ServerApp.port_retries=0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    outside = []

    def only_local(route):
        if route.request.url.startswith(f"http://127.0.0.1:{port}/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        page.route("**/*", only_local)
        url = f"http://127.0.0.1:{port}/rise/{path.name}?token={token}"
        for _ in range(60):                         # the server takes a few seconds
            try:
                page.goto(url)
                break
            except Exception:
                time.sleep(0.5)
        page.wait_for_selector(".reveal .slides section", timeout=60_000)
        page.wait_for_function("document.querySelectorAll('mjx-container').length > 0",
                               timeout=60_000)
        shown = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.reveal .slides section')).filter(s => !s.querySelector('section')).length""")
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=30)
    nb = nbformat.read(path, as_version=4)
    assert shown == slides.slide_count(nb), f"RISE shows {shown} slides"
    assert not outside, f"RISE asked for {outside}"


def test_instructor_guide_lists_every_deck():
    """The instructor guide's slide table is `python tools/slides.py count` today."""
    guide = (ROOT / "book" / "instructors.md").read_text(encoding="utf-8")
    assert slides.count_table() in guide, (
        "the slide table in book/instructors.md differs from `python tools/slides.py count`")
