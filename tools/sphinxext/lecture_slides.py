"""Build the lecture decks into the site, and link each from its lecture page.

When the HTML build finishes, ``tools/slides.py`` writes a reveal.js deck per lecture
notebook to ``slides/<notebook>.html`` and reveal.js (pinned by ``tools/reveal``) to
``_static/reveal.js``. Every lecture page gets a line under its title that links its deck;
chapter pages link the decks by hand (their "In this chapter" lists), and the tests check
both. The link lives here rather than in the notebook, where it would be a dead relative
link for a reader on Colab.
"""

import functools
import html
import sys
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import slides  # noqa: E402


@functools.cache
def lecture_docnames() -> dict[str, str]:
    """docname -> notebook stem, for every notebook that has a deck (read once)."""
    return {f"notebooks/{path.stem}": path.stem for path in slides.lecture_notebooks()}


def link_deck(app, doctree, docname):
    """Put the deck's link right under the lecture page's title."""
    stem = lecture_docnames().get(docname)
    if stem is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        raise ExtensionError(f"lecture_slides: {docname} has no title to put the deck under")
    href = "../" * docname.count("/") + f"slides/{stem}.html"
    markup = (f'<p class="lecture-slides"><strong>Slides:</strong> '
              f'<a href="{html.escape(href)}">this lecture as a slide deck</a> '
              "(reveal.js; F for full screen, S for the speaker notes, Esc for an overview "
              "of the slides).</p>")
    section.insert(1, nodes.raw("", markup, format="html"))


def build_decks(app, exception):
    """Write the decks after a successful HTML build (MathJax is copied by offline_mathjax)."""
    if exception is not None or app.builder.format != "html":
        return
    try:
        slides.build(Path(app.outdir), mathjax=False)
    except (FileNotFoundError, ValueError) as error:
        raise ExtensionError(f"lecture_slides: {error}") from error


def setup(app):
    app.connect("doctree-resolved", link_deck)
    app.connect("build-finished", build_decks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
