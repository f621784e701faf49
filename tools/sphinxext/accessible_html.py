"""Fix the WCAG 2.1 A/AA problems that the theme and the HTML writers put in every page.

axe-core (tests/test_book.py) found these in the built book; each is fixed where it is
made, and no axe rule is turned off:

- the search and colour-mode buttons of pydata-sphinx-theme: text inside the button that
  is not in its accessible name (label-content-name-mismatch, WCAG 2.5.3): the key hint
  "Ctrl+K" beside "Search", and the icons' titles. Fixed by the two template overrides in
  ``templates/``, found before the theme's own components.
- the expand/collapse toggles of the sidebar's table of contents: a ``<summary>`` with
  only an icon, so no accessible name (summary-name, WCAG 4.1.2). Each gets the name
  "Sections of <its page title>".
- myst-nb's "Show code cell source" toggle: an ``aria-label`` ("Toggle hidden content")
  that differs from its visible text (label-content-name-mismatch). The label goes; the
  visible text names it.
- the bibliography: docutils writes ``role="doc-biblioentry"``, deprecated in DPUB-ARIA
  1.1 (aria-deprecated-role), which also leaves its ``role="list"`` without list items
  (aria-required-children). Each entry becomes a ``listitem``.
- the site's ``index.html``: sphinx-external-toc writes a bare ``<meta>`` redirect to the
  first page, with no language and no title (html-has-lang, document-title). This one
  writes a whole page first (so that one is not written): language, title, the same
  immediate redirect, and a link for a browser that does not follow it.
"""

import html
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

TEMPLATES = Path(__file__).resolve().parent / "templates"

logger = logging.getLogger(__name__)


class AccessibleHTML5Translator(HTML5Translator):
    """Sphinx's HTML5 translator with bibliography entries as plain list items."""

    def visit_citation(self, node: nodes.citation) -> None:
        # docutils opens the role="list" wrapper before the first entry of a run.
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def visit_hide_cell_input(self, node: HideCodeCellNode) -> None:
    """myst-nb's toggle for a hidden cell input, named by its visible text."""
    classes = " ".join(node["classes"])
    show, hide = self.encode(node["prompt_show"]), self.encode(node["prompt_hide"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{show}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{hide}</p>\n</summary>\n')


def name_toc_toggles(soup):
    """Give every text-less ``<summary>`` of a sidebar toctree the name of its section."""
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        link = summary.find_parent("li").find("a", recursive=False)
        if link is None:
            logger.warning("accessible_html: a sidebar toggle with no page link to name it")
            continue
        summary["aria-label"] = f"Sections of {link.get_text(' ', strip=True)}"
    return soup


def wrap_toctree(app, pagename, templatename, context, doctree) -> None:
    """Post-process the theme's sidebar navigation (runs after the theme sets it up)."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "names_toggles", False):
        return

    def generate_named(*args, **kwargs):
        return name_toc_toggles(generate(*args, **kwargs))

    generate_named.names_toggles = True
    context["generate_toctree_html"] = generate_named


REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={url}">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{url}">Go to the first page of the book</a>.</p>
</main>
</body>
</html>
"""


def write_index_redirect(app, exception) -> None:
    """Write an accessible index.html that redirects to the root page, where none is built."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    index = Path(app.outdir) / "index.html"
    if index.exists() and 'http-equiv="refresh"' not in index.read_text(encoding="utf-8").lower():
        return  # a real page
    index.write_text(REDIRECT.format(
        lang=html.escape(app.config.language or "en"),
        url=html.escape(f"{app.config.root_doc}.html"),
        title=html.escape(app.config.html_title or app.config.project)), encoding="utf-8")


def add_templates(app, config) -> None:
    """Put the template overrides before the theme's components."""
    config.templates_path.insert(0, str(TEMPLATES))


def setup(app):
    app.set_translator("html", AccessibleHTML5Translator, override=True)
    app.add_node(HideCodeCellNode, override=True,
                 html=(visit_hide_cell_input, depart_HideCellInput))
    app.connect("config-inited", add_templates)
    # pydata-sphinx-theme adds generate_toctree_html to the context at priority 500.
    app.connect("html-page-context", wrap_toctree, priority=900)
    # Before sphinx-external-toc's own redirect (priority 500), which then sees a page there.
    app.connect("build-finished", write_index_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
