"""Give notebook readers (Jupyter, Colab) the caption and alt text that the book renders.

The book takes each figure's caption and alt text from its code cell's metadata
(``mystnb.figure.caption``, ``mystnb.image.alt``) and renders a real ``<figure>`` with
``<figcaption>`` and ``alt``. Jupyter and Colab show neither. So right after every figure
cell this tool keeps a markdown *figure note* written from that metadata, tagged
``remove-cell`` so that the book, which already has the text, leaves it out:

    **Figure.** <caption>

    *What it shows:* <alt text>

    python tools/figure_notes.py write     # add or refresh every note (make figure-notes)
    python tools/figure_notes.py check     # exit 1 if a note is missing or stale
"""

from pathlib import Path

import nbformat

import nbrewrite

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MARK = "figure_note"  # markdown cell metadata flag of a generated note


def figure_text(cell) -> tuple[str, str] | None:
    """(caption, alt text) of a code cell that declares a figure, else None."""
    options = cell.metadata.get("mystnb", {})
    caption = options.get("figure", {}).get("caption")
    if caption is None:
        return None
    return caption.strip(), options.get("image", {}).get("alt", "").strip()


def note_source(caption: str, alt: str) -> str:
    """The markdown of one figure note."""
    text = f"**Figure.** {caption}"
    return text + (f"\n\n*What it shows:* {alt}" if alt else "")


def new_note(caption: str, alt: str):
    cell = nbformat.v4.new_markdown_cell(note_source(caption, alt))
    cell.metadata = {"tags": ["remove-cell"], MARK: True}
    cell.pop("id", None)
    return cell


def refresh(nb) -> bool:
    """Make the notes of a notebook current; return whether anything changed."""
    cells, changed, index = [], False, 0
    while index < len(nb.cells):
        cell = nb.cells[index]
        index += 1
        if cell.cell_type == "markdown" and cell.metadata.get(MARK):
            changed = True  # a note not right after its figure: dropped (re-added below)
            continue
        cells.append(cell)
        text = figure_text(cell) if cell.cell_type == "code" else None
        if text is None:
            continue
        wanted = note_source(*text)
        following = nb.cells[index] if index < len(nb.cells) else None
        if following is not None and following.cell_type == "markdown" and \
                following.metadata.get(MARK):
            index += 1
            if following.source != wanted or following.metadata.get("tags") != ["remove-cell"]:
                following.source = wanted
                following.metadata["tags"] = ["remove-cell"]
                changed = True
            cells.append(following)
        else:
            note = new_note(*text)
            if nb.nbformat_minor >= 5:
                # named after its figure's cell, whose id is unique in the notebook
                note["id"] = f"{cell.get('id', len(cells))}-note"[-64:]
            cells.append(note)
            changed = True
    nb.cells = cells
    return changed


def main() -> None:
    nbrewrite.main(__doc__, refresh, NOTEBOOKS,
                   "figure notes differ from the figures' metadata: run `make figure-notes`")


if __name__ == "__main__":
    main()
