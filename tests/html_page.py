"""A written HTML page read back with the standard library's parser, for the bulletin's tests."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """The text of each tag of interest, tables as rows of cells, images' alt text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: dict[str, list[str]] = {}
        self.tables: list[list[list[str]]] = []
        self.alts: list[str] = []
        self.aligns: list[str] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img":
            self.alts.append(found.get("alt") or "")
            return
        self._open.append(tag)
        self.text.setdefault(tag, []).append("")
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self.aligns.append(found.get("style") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self.text[tag][-1])

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open[-1]][-1] += data
