"""Serve MathJax 3 from the built site, so math renders with no network.

The files come from the installed ``django-static-mathjax`` package (MathJax 3.2.2,
Apache-2.0); they are copied into ``_static/mathjax`` of the HTML output when the
build finishes. Nothing third-party is committed to this repository, and nothing is
placed in a static source folder (Jupyter Book would inject every ``.js`` there as a
script tag).
"""

import importlib.util
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

# Only what tex-chtml.js loads: the combined component, its lazily loaded TeX
# extensions, the CHTML fonts, the menu and assistive MathML.
KEEP = ["tex-chtml.js", "input", "output/chtml", "output/chtml.js", "a11y", "ui", "adaptors"]


def mathjax_source() -> Path:
    """Return the es5 folder of the packaged MathJax 3, or fail with a clear message."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError(
            "offline_mathjax: the package 'django-static-mathjax' is not installed "
            "(pip install django-static-mathjax==3.2.2.1, or make venv)"
        )
    root = Path(spec.submodule_search_locations[0]) / "static" / "mathjax"
    if not (root / "es5" / "tex-chtml.js").is_file():
        raise ExtensionError(f"offline_mathjax: no es5/tex-chtml.js under {root}")
    return root


def copy_mathjax_into(outdir: Path) -> None:
    """Copy MathJax (the files in KEEP and its licence) into <outdir>/_static/mathjax."""
    root = mathjax_source()
    target = Path(outdir) / "_static" / "mathjax"
    for name in KEEP:
        src = root / "es5" / name
        if src.is_dir():
            shutil.copytree(src, target / name, dirs_exist_ok=True)
        elif src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    shutil.copy2(root / "LICENSE", target / "LICENSE")


def copy_mathjax(app, exception):
    """Copy MathJax into <outdir>/_static/mathjax after a successful HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    copy_mathjax_into(Path(app.outdir))


def setup(app):
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
