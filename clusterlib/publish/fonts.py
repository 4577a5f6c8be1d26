"""The Chinese font for charts: Noto Sans CJK SC from the mplfonts package, no downloads."""

from __future__ import annotations

from functools import cache
from importlib import resources

import matplotlib as mpl
from matplotlib import font_manager

FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"


@cache
def _register_font() -> str:
    """Add the bundled font file to matplotlib's font manager (once) and return its family name.

    A system copy of the same family (Debian's ``fonts-noto-cjk``) may be listed too; either
    draws every Chinese glyph.
    """
    path = str(resources.files(FONT_PACKAGE).joinpath(FONT_FILE))
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese (简体中文) text with Noto Sans CJK SC.

    Registers the font shipped in the ``mplfonts`` package, puts it first in
    ``font.sans-serif`` and sets ``axes.unicode_minus=False`` (axis ticks then use the ASCII
    hyphen, as the tables do; SimHei, the other common choice, has no U+2212 minus).

    Cheap and idempotent: the font file is registered once per process; the rc settings are
    re-applied on each call, so a call after ``matplotlib.rcdefaults()`` restores them.

    Returns
    -------
    str
        The font family name ("Noto Sans CJK SC").
    """
    family = _register_font()
    others = [name for name in mpl.rcParams["font.sans-serif"] if name != family]
    mpl.rcParams["font.sans-serif"] = [family, *others]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False
    return family
