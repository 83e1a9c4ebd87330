"""The fonts of the printed reports: DejaVu Sans, embedded, so that every name prints."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from prospector import paths

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# A second registration under the same name would swap the font object under a document
# that is being written in another thread.
_lock = threading.Lock()


@dataclass(frozen=True)
class Fonts:
    """The registered names to pass to the canvas (setFont) or to a paragraph style."""

    regular: str
    bold: str


@functools.cache
def _registered() -> Fonts:
    folder = paths.resources_dir() / "fonts"
    # TrueType fonts are always embedded as subsets of the glyphs used: umlauts, Polish,
    # Czech or Turkish letters, Greek and Cyrillic names all print on any reader.
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    # <b> in a paragraph finds the bold face; there is no italic, so italic stays upright.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return Fonts(regular=REGULAR, bold=BOLD)


def fonts() -> Fonts:
    """The fonts, registered with reportlab on the first call and only then (the files are
    read once per process, however many pages follow)."""
    with _lock:
        return _registered()
