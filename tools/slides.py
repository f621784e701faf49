"""Lecture slides from the lecture notebooks: one source, the notebook is the deck.

Each lecture notebook carries reveal.js slide structure in its cells' metadata
(``slideshow.slide_type``: ``slide``, ``subslide``, ``-`` to continue, ``skip``, ``notes``).
``make slides`` (and ``make book``, through ``tools/sphinxext/slides.py``) turns every
lecture notebook into a reveal.js deck at ``slides/<notebook>.html`` of the site, with
nbconvert's slides exporter and reveal.js from ``tools/reveal`` (pinned by npm), MathJax
from the site: no request leaves the site. JupyterLab's RISE extension presents the same
notebook live, with runnable cells.

**The rule.** A deck has about one slide (horizontal or vertical) per 2.5 minutes of the
notebook's stated time, and at least one per 4 and at most one per 1.5 minutes
(``slide_count_range``; tested). ``mark`` writes the structure by these rules, and keeps a
cell's structure once it has one, so an instructor's hand edits stay:

- the title and every ``##`` section open a slide; every ``###`` a vertical slide;
- a figure gets a vertical slide of its own (in the deck its code is hidden and its caption
  and alt text come from the cell's metadata, as on the website);
- a markdown cell with a display equation starts a vertical slide unless the slide holds
  only a short introduction to it, so key equations stand on their own slides;
- any other cell continues the slide until about ``LINES_PER_SLIDE`` lines of text, code
  and output, and then starts a vertical slide;
- code whose input the website hides and that shows nothing (setup, helpers), cells
  removed from the site (figure notes for Jupyter readers) and bare ``assert`` cells are
  skipped; the "Notes on the lecture slides" box becomes the speaker notes (S key).

    python tools/slides.py mark [--reset] [NOTEBOOK ...]   # write the slide structure
    python tools/slides.py count                           # slides per deck against the rule
    python tools/slides.py outline [NOTEBOOK ...]          # each deck's slides, one a line
    python tools/slides.py build OUTDIR                    # decks into OUTDIR/slides
"""

import base64
import codecs
import copy
import html
import math
import re
import shutil
import sys
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import figure_notes  # noqa: E402
import pacing  # noqa: E402

REVEAL = ROOT / "tools" / "reveal" / "node_modules" / "reveal.js"
TEMPLATES = Path(__file__).resolve().parent / "slides_templates"
BIB = ROOT / "book" / "references.bib"
# reveal.js files the decks load (with its licence): nothing else is copied into the site.
REVEAL_FILES = ["dist/reveal.css", "dist/reveal.js", "dist/theme/white.css",
                "dist/plugin/notes.js", "LICENSE"]
CODE_STYLE = "a11y-high-contrast-light"
MINUTES_PER_SLIDE = 2.5
MINUTES_PER_SLIDE_RANGE = (1.5, 4.0)
LINES_PER_SLIDE = 20          # text, code and output lines that fit one slide
CHARS_PER_LINE = 80
FIGURE_LINES = 16             # a figure and its caption
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
NOTES_BOX = "Notes on the lecture slides"
# RISE (live presenting in JupyterLab) reads the notebook's "rise" metadata: reveal.js's
# white theme, as the website's decks use (RISE's default theme asks Google for fonts, which
# an offline classroom refuses), no transition, and tall slides that scroll.
RISE_SETTINGS = {"theme": "white", "transition": "none", "scroll": True}
DISPLAY_MATH = re.compile(r"\$\$|\\begin\{")


def lecture_notebooks() -> list[Path]:
    """The notebooks that get a deck: the lecture path (every notebook but Going deeper)."""
    return pacing.lecture_notebooks()


def slide_count_range(minutes: int) -> tuple[int, int]:
    """The fewest and most slides a deck for a lecture of this many minutes may have."""
    low, high = MINUTES_PER_SLIDE_RANGE
    return math.ceil(minutes / high), math.floor(minutes / low)


def slide_type(cell) -> str | None:
    """The cell's ``slideshow.slide_type``, or None where it has none."""
    return cell.metadata.get("slideshow", {}).get("slide_type")


def slide_count(nb) -> int:
    """Slides of the deck: cells that open a slide or a vertical slide."""
    return sum(slide_type(cell) in ("slide", "subslide") for cell in nb.cells)


def tags(cell) -> set:
    return set(cell.metadata.get("tags", []))


def is_figure(cell) -> bool:
    """A code cell that draws a figure the website captions (its metadata names one)."""
    return (cell.cell_type == "code" and "figure" in cell.metadata.get("mystnb", {})
            and any(image_types(out) for out in cell.get("outputs", [])))


def image_types(output) -> list[str]:
    return [m for m in output.get("data", {}) if m.startswith("image/")]


def shown_outputs(cell) -> list:
    """Outputs a deck shows: everything but stderr (warnings, progress bars)."""
    return [out for out in cell.get("outputs", [])
            if not (out.get("output_type") == "stream" and out.get("name") == "stderr")]


def text_lines(text: str) -> float:
    """Lines a piece of prose takes on a slide."""
    return sum(max(1, math.ceil(len(line) / CHARS_PER_LINE)) for line in text.splitlines()
               if line.strip())


def markdown_lines(source: str) -> float:
    """Lines a markdown cell takes on a slide: its paragraphs re-wrapped, lists, tables
    and equations line by line, a little space between blocks."""
    total = 0.0
    for block in re.split(r"\n\s*\n", source.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            total += 2
        elif lines[0].lstrip().startswith(("|", "$$", "\\begin")):
            total += len(lines)
        elif lines[0].lstrip().startswith(("- ", "* ", "1. ")):
            items = re.split(r"\n(?=\s{0,3}(?:[-*]|\d+\.)\s)", block)
            total += sum(text_lines(" ".join(item.split())) for item in items)
        else:
            total += text_lines(" ".join(block.split()))
        total += 0.5
    return total


def code_lines_shown(cell, show_input: bool) -> float:
    """Lines a code cell takes on a slide: its input (if shown) and its outputs."""
    total = len([line for line in cell.source.splitlines() if line.strip()]) if show_input else 0
    for out in shown_outputs(cell):
        if image_types(out):
            total += FIGURE_LINES
        elif out.get("output_type") == "stream":
            total += min(len(out.get("text", "").splitlines()), LINES_PER_SLIDE)
        else:
            total += min(len(out.get("data", {}).get("text/plain", "").splitlines()),
                         LINES_PER_SLIDE)
    return total


def only_asserts(source: str) -> bool:
    """Code whose every statement line is an assert (a check with nothing to show)."""
    lines = [line for line in source.splitlines()
             if line.strip() and not line.strip().startswith("#")]
    starts = [line for line in lines if not line.startswith((" ", "\t", ")", "]"))]
    return bool(starts) and all(line.startswith("assert") for line in starts)


def proposed_types(nb) -> list[str]:
    """The slide type of every cell by the module's rules (ignoring what the cells hold)."""
    types, height = [], 0.0
    for index, cell in enumerate(nb.cells):
        cell_tags = tags(cell)
        if "remove-cell" in cell_tags:
            types.append("skip")
            continue
        if cell.cell_type == "markdown":
            source = cell.source.lstrip()
            lines = markdown_lines(source)
            if NOTES_BOX in source:
                kind = "notes"
            elif index == 0 or source.startswith(("# ", "## ")):
                kind = "slide"
            elif source.startswith("### "):
                kind = "subslide"
            elif DISPLAY_MATH.search(source) and height > 6:
                kind = "subslide"
            else:
                kind = "subslide" if height + lines > LINES_PER_SLIDE else "-"
        elif cell.cell_type == "code":
            show_input = not (cell_tags & pacing.HIDDEN_INPUT) and not is_figure(cell)
            lines = code_lines_shown(cell, show_input)
            if not show_input and not shown_outputs(cell):
                kind = "skip"
            elif is_figure(cell):
                # a figure stands on its own slide, or under a short introduction to it
                kind = "-" if 0 < height <= 5 else "subslide"
            elif only_asserts(cell.source) and not shown_outputs(cell):
                kind = "skip"
            else:
                kind = "subslide" if height + lines > LINES_PER_SLIDE and height > 0 else "-"
        else:
            kind = "skip"
        if kind in ("slide", "subslide"):
            height = lines
        elif kind in ("-", "fragment"):
            height += lines
        types.append(kind)
    return types


def mark(nb, reset: bool = False) -> int:
    """Give every cell without slide structure the proposed one (all cells with ``reset``),
    and the notebook RISE's settings; return how many cells changed."""
    changed = 0
    if reset or "rise" not in nb.metadata:
        nb.metadata["rise"] = dict(RISE_SETTINGS)
    for cell, kind in zip(nb.cells, proposed_types(nb), strict=True):
        if slide_type(cell) is not None and not reset:
            continue
        if slide_type(cell) != kind:
            changed += 1
        cell.metadata.setdefault("slideshow", {})["slide_type"] = kind
    return changed


def structure_problems(nb) -> list[str]:
    """What is wrong with a lecture notebook's slide structure (empty when nothing is)."""
    problems = []
    unmarked = [str(i) for i, cell in enumerate(nb.cells) if slide_type(cell) is None]
    if unmarked:
        problems.append(f"{len(unmarked)} cells have no slideshow.slide_type (cells "
                        f"{', '.join(unmarked[:8])}{', ...' if len(unmarked) > 8 else ''}; "
                        "python tools/slides.py mark <notebook>)")
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind is not None and kind not in SLIDE_TYPES:
            problems.append(f"cell {index}: unknown slide_type {kind!r}")
    if nb.metadata.get("rise", {}).get("theme") != RISE_SETTINGS["theme"]:
        problems.append(f"the notebook's rise metadata must name the theme "
                        f"{RISE_SETTINGS['theme']!r} (python tools/slides.py mark <notebook>)")
    if nb.cells and slide_type(nb.cells[0]) != "slide":
        problems.append("the first cell (the title) must open a slide")
    low, high = slide_count_range(pacing.stated_minutes(nb))
    count = slide_count(nb)
    if not low <= count <= high:
        problems.append(f"{count} slides for {pacing.stated_minutes(nb)} minutes; the rule "
                        f"allows {low} to {high} (one per {MINUTES_PER_SLIDE_RANGE[0]} to "
                        f"{MINUTES_PER_SLIDE_RANGE[1]} minutes)")
    return problems


# ---- MyST to the markdown nbconvert renders -------------------------------------------

def bibliography() -> dict[str, tuple[str, str]]:
    """(authors as cited, year) for every key of the book's references.bib."""
    from pybtex.database import parse_file

    entries = {}
    for key, entry in parse_file(str(BIB)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [plain_latex(" ".join(p.prelast_names + p.last_names)) for p in people]
        if not names:
            names = [plain_latex(entry.fields.get("title", key))]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        entries[key] = (who, entry.fields.get("year", "n.d."))
    return entries


def plain_latex(text: str) -> str:
    """BibTeX text as plain Unicode: accents decoded, braces dropped."""
    return codecs.decode(text, "ulatex").replace("{", "").replace("}", "")


CITE = re.compile(r"\{cite:(t|p)\}`([^`]+)`")
DIRECTIVE = re.compile(r"^(`{3,}|:{3,})\{([\w-]+)\}[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$",
                       re.MULTILINE | re.DOTALL)
LABEL = re.compile(r"^\([\w-]+\)=[ \t]*\n", re.MULTILINE)
ROLE = re.compile(r"(?<![\w`])\{[a-z]+(?::[a-z]+)?\}`")
LOCAL_LINK = re.compile(r"\]\((?!https?:|#|mailto:)([^)\s#]+)(#[^)\s]*)?\)")


def cite(match, bib) -> str:
    """``{cite:t}`a,b``` as "A (2001); B (2002)", ``{cite:p}`` as "(A 2001; B 2002)"."""
    keys = [key.strip() for key in match.group(2).split(",")]
    unknown = [key for key in keys if key not in bib]
    if unknown:
        raise ValueError(f"citation key(s) not in book/references.bib: {unknown}")
    if match.group(1) == "t":
        return "; ".join(f"{bib[k][0]} ({bib[k][1]})" for k in keys)
    return "(" + "; ".join(f"{bib[k][0]} {bib[k][1]}" for k in keys) + ")"


def directive(match) -> str:
    """An admonition as a titled block quote; any other directive is an error."""
    name, argument, body = match.group(2), match.group(3).strip(), match.group(4)
    if name not in ("admonition", "note", "tip", "warning", "important"):
        raise ValueError(f"the slides cannot render the MyST directive {{{name}}}")
    body = "\n".join(line for line in body.splitlines() if not re.match(r"^:\w+:", line))
    title = argument or name.capitalize()
    return "\n".join(["> **" + title + "**", ">"] + ["> " + line for line in body.splitlines()])


def site_link(match, folder: str) -> str:
    """A link between the book's sources, as the built site's page seen from slides/."""
    target, anchor = match.group(1), match.group(2) or ""
    path = (ROOT / folder / target).resolve()
    if path.suffix in (".ipynb", ".md"):
        path = path.with_suffix(".html")
    return f"]({Path('..', path.relative_to(ROOT)).as_posix()}{anchor})"


def myst_to_markdown(source: str, bib: dict, folder: str = "notebooks") -> str:
    """A markdown cell's MyST as the plain markdown nbconvert renders (citations,
    admonitions, labels and links between pages); an unknown role is an error."""
    text = CITE.sub(lambda m: cite(m, bib), source)
    text = DIRECTIVE.sub(directive, text)
    text = LABEL.sub("", text)
    text = LOCAL_LINK.sub(lambda m: site_link(m, folder), text)
    left = ROLE.search(text)
    if left:
        raise ValueError(f"the slides cannot render the MyST role {left.group(0)[:-1]}")
    return text


# ---- the deck -----------------------------------------------------------------------------

def figure_html(cell, output) -> dict:
    """A figure output as HTML: the image with its alt text, the caption under it."""
    caption, alt = figure_notes.figure_text(cell) or ("", "")
    if not caption or not alt:
        raise ValueError("a figure cell needs mystnb.figure.caption and mystnb.image.alt")
    data = output["data"]
    if "image/svg+xml" in data:
        svg = data["image/svg+xml"]
        svg = svg if isinstance(svg, str) else "".join(svg)
        src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    else:
        kind = next(m for m in data if m.startswith("image/"))
        src = f"data:{kind};base64," + "".join(data[kind].split())
    body = (f'<figure class="deck-figure"><img src="{src}" alt="{html.escape(alt)}">'
            f"<figcaption><strong>Figure.</strong> {html.escape(caption)}</figcaption>"
            "</figure>")
    return nbformat.v4.new_output("display_data", data={"text/html": body})


def deck_notebook(nb, bib: dict):
    """The notebook as the deck shows it: skipped cells gone, MyST rendered, figures
    captioned with their code hidden, hidden inputs hidden, stderr dropped."""
    deck = copy.deepcopy(nb)
    cells = []
    for cell in deck.cells:
        kind = slide_type(cell)
        if kind == "skip" or "remove-cell" in tags(cell):
            continue
        if cell.cell_type == "markdown":
            cell.source = myst_to_markdown(cell.source, bib)
        elif cell.cell_type == "code":
            figure = is_figure(cell)
            outputs = []
            for out in shown_outputs(cell):
                outputs.append(figure_html(cell, out) if figure and image_types(out) else out)
            cell.outputs = outputs
            if figure or tags(cell) & pacing.HIDDEN_INPUT:
                cell.metadata.setdefault("tags", []).append("deck-hide-input")
        cells.append(cell)
    deck.cells = cells
    return deck


def title(nb) -> str:
    """The notebook's title: the first line of its first cell, without the #."""
    return nb.cells[0].source.splitlines()[0].lstrip("# ").strip()


def export(nb, bib: dict) -> str:
    """The deck of a lecture notebook as one HTML file (to be placed in <site>/slides/)."""
    from nbconvert import SlidesExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    deck = deck_notebook(nb, bib)
    deck.metadata["title"] = title(nb)  # the template adds " slides"
    exporter = SlidesExporter(
        extra_template_paths=[str(TEMPLATES)], template_file="deck.html.j2",
        reveal_url_prefix="../_static/reveal.js", reveal_theme="white",
        reveal_transition="none", reveal_number="c/t",
        mathjax_url="../_static/mathjax/tex-chtml.js",
        exclude_input_prompt=True, exclude_output_prompt=True, exclude_anchor_links=True,
        # the website's code colours (pydata-sphinx-theme's default), which meet WCAG AA
        config=Config({"CSSHTMLHeaderPreprocessor": {"style": CODE_STYLE}}))
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_input_tags={"deck-hide-input"}, enabled=True), True)
    body, _ = exporter.from_notebook_node(deck, resources={"language_code": "en"})
    return body


def copy_reveal(outdir: Path) -> None:
    """reveal.js's files into <outdir>/_static/reveal.js, or a clear error if missing."""
    missing = [name for name in REVEAL_FILES if not (REVEAL / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"reveal.js is not installed under {REVEAL} (missing {missing[0]}): run "
            "`make slides` or `cd tools/reveal && npm ci`")
    for name in REVEAL_FILES:
        target = outdir / "_static" / "reveal.js" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REVEAL / name, target)


def copy_mathjax(outdir: Path) -> None:
    """The site's MathJax into <outdir>/_static/mathjax (what ``make book`` puts there), so
    that ``make slides`` alone gives decks that work."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "sphinxext"))
    from offline_mathjax import copy_mathjax_into

    copy_mathjax_into(outdir)


def build(outdir: Path, notebooks: list[Path] | None = None, mathjax: bool = True) -> list[Path]:
    """Write a deck per lecture notebook into <outdir>/slides, with reveal.js (and MathJax,
    unless the book build copies it) into <outdir>/_static; return the decks' paths."""
    outdir = Path(outdir)
    copy_reveal(outdir)
    if mathjax:
        copy_mathjax(outdir)
    bib = bibliography()
    written = []
    for path in notebooks or lecture_notebooks():
        nb = nbformat.read(path, as_version=4)
        problems = structure_problems(nb)
        if problems:
            raise ValueError(f"{path.name}: " + "; ".join(problems))
        target = outdir / "slides" / f"{path.stem}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(export(nb, bib), encoding="utf-8")
        written.append(target)
    return written


def outline(nb) -> list[str]:
    """One line per slide: its position (horizontal.vertical) and how it opens."""
    lines, h, v = [], -1, 0
    for cell in nb.cells:
        kind = slide_type(cell)
        if kind == "slide":
            h, v = h + 1, 0
        elif kind == "subslide":
            v += 1
        else:
            continue
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        label = "figure" if is_figure(cell) else cell.cell_type
        lines.append(f"{h}.{v}  {label:8s} {first[:70]}")
    return lines


def count_table() -> str:
    """Slides per deck against the rule, as a markdown table."""
    rows = ["| notebook | minutes | slides | allowed | speaker notes |", "|---|---:|---:|---|---|"]
    for path in lecture_notebooks():
        nb = nbformat.read(path, as_version=4)
        minutes = pacing.stated_minutes(nb)
        low, high = slide_count_range(minutes)
        notes = "yes" if any(slide_type(c) == "notes" for c in nb.cells) else "no"
        rows.append(f"| {path.stem} | {minutes} | {slide_count(nb)} | {low}-{high} | {notes} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("mark", "count", "build", "outline"):
        print(__doc__)
        return 2
    command, rest = args[0], args[1:]
    if command == "mark":
        reset = "--reset" in rest
        paths = [Path(p) for p in rest if p != "--reset"] or lecture_notebooks()
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            before = nbformat.writes(nb)
            changed = mark(nb, reset=reset)
            if nbformat.writes(nb) != before:
                nbformat.write(nb, path)
            print(f"{path.name}: {slide_count(nb)} slides, {changed} cells changed")
        return 0
    if command == "outline":
        for path in [Path(p) for p in rest] or lecture_notebooks():
            print(path.name)
            print("\n".join("  " + line for line in outline(nbformat.read(path, as_version=4))))
        return 0
    if command == "count":
        print(count_table())
        return 0
    if len(rest) != 1:
        print("usage: python tools/slides.py build OUTDIR")
        return 2
    for deck in build(Path(rest[0])):
        print(deck)
    return 0


if __name__ == "__main__":
    sys.exit(main())
