"""The quarterly bulletin (季通报) as a Word document, built from the run's tables."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from clusterlib.labels import BULLETIN_TEXT
from clusterlib.publish.bulletin_layout import (
    BulletinContent,
    Chart,
    Table,
    is_number_column,
    png,
    sections,
)
from clusterlib.publish.workbook import display_width

LANGUAGES = {"zh": "zh-CN", "en": "en-US"}  # Word's proofing language of each report language
FONTS = {  # (East Asian font, Latin font) of the body, headings and title, per language
    "zh": {"body": ("仿宋", "Times New Roman"), "heading": ("黑体", "Times New Roman")},
    "en": {"body": ("SimSun", "Times New Roman"), "heading": ("SimHei", "Arial")},
}
"""仿宋/黑体 are the usual fonts of a 公文; where absent, :data:`FALLBACKS` guide the substitute."""
FALLBACKS = {  # the document's font table: alternate name, GB2312 character set, family, pitch
    "仿宋": ("FangSong", "86", "modern", "fixed"),
    "黑体": ("SimHei", "86", "modern", "fixed"),
    "SimSun": ("宋体", "86", "auto", "variable"),
}
"""Word uses a font's ``altName`` when the named font is missing, then a font of the same
character set (86: simplified Chinese) and family; LibreOffice maps by its own table."""
BODY_PT, TITLE_PT, HEADING_PT, TABLE_PT, NOTE_PT = 16, 22, 16, 10.5, 10.5
CHART_WIDTH_MM = 150
MARGINS_MM = (37, 35, 28, 26)  # top, bottom, left, right (GB/T 9704 公文 layout)
TEXT_WIDTH_MM = 210 - MARGINS_MM[2] - MARGINS_MM[3]
HEADER_LINES = 2  # a header may wrap over two lines
WRAP_AT, MIN_WIDTH = 24, 8  # in narrow characters (a Chinese character is two)


def write_bulletin_docx(content: BulletinContent, path: Path, lang: str = "zh") -> None:
    """Write ``content`` as an A4 Word document laid out as a government bulletin.

    Title in bold 黑体, body in 仿宋 (Latin text in Times New Roman), the sections of
    :func:`~clusterlib.publish.bulletin_layout.sections` (一、二、三; 1. 2. 3. in English):
    paragraphs, Word tables under their captions, charts as pictures with their caption
    below and as their description; the methods note last, in small print.
    """
    document = Document()
    _properties(document, lang)
    _declare_fonts(document, lang)
    _page(document)
    _style(document, lang)
    _title(document, content.title, lang)
    if content.synthetic:
        notice = document.add_paragraph()
        run = notice.add_run(BULLETIN_TEXT[lang]["synthetic"])
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    for section in sections(content, lang):
        _heading(document, section.heading, lang)
        for block in section.blocks:
            if isinstance(block, Table):
                _table(document, block.frame, block.caption)
            elif isinstance(block, Chart):
                _picture(document, block)
            else:
                _body(document, block)
    if content.note:
        note = document.add_paragraph()
        note.add_run(content.note).font.size = Pt(NOTE_PT)
    document.save(path)


def _properties(document: Document, lang: str) -> None:
    """No library named as author or comment (python-docx's defaults); the document's
    language, so that Word proofs the text as Chinese (or English)."""
    properties = document.core_properties
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.language = LANGUAGES[lang]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for tag in defaults.iter(qn("w:lang")):
        tag.set(qn("w:val"), LANGUAGES[lang])
        tag.set(qn("w:eastAsia"), LANGUAGES["zh"])


def _page(document: Document) -> None:
    """A4 portrait with the 公文 margins."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _declare_fonts(document: Document, lang: str) -> None:
    """Declare the Chinese fonts in the font table with their fallbacks (:data:`FALLBACKS`)."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(part.blob)
    declared = {font.get(qn("w:name")) for font in table.iter(qn("w:font"))}
    for east_asian, _ in FONTS[lang].values():
        if east_asian in FALLBACKS and east_asian not in declared:
            font = etree.SubElement(table, qn("w:font"), {qn("w:name"): east_asian})
            tags = ("altName", "charset", "family", "pitch")
            for tag, value in zip(tags, FALLBACKS[east_asian], strict=True):
                etree.SubElement(font, qn(f"w:{tag}"), {qn("w:val"): value})
    # python-docx keeps the font table as a plain part (bytes): it is rewritten whole
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fonts(run_or_style, east_asian: str, latin: str) -> None:
    """Set the Latin font and, in ``w:rFonts/@w:eastAsia``, the Chinese one."""
    run_or_style.font.name = latin
    r_pr = run_or_style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    r_fonts.set(qn("w:hint"), "eastAsia")


def _style(document: Document, lang: str) -> None:
    """The Normal style: 仿宋 三号 (16 pt), 1.5 lines, first line indented two characters."""
    normal = document.styles["Normal"]
    _fonts(normal, *FONTS[lang]["body"])
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)


def _title(document: Document, title: str, lang: str) -> None:
    """The title, centred, bold, in two lines after the quarter (no rule below it)."""
    document.core_properties.title = title
    style = document.styles["Title"]
    borders = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
    if borders is not None:
        style.element.pPr.remove(borders)
    paragraph = document.add_paragraph(style="Title")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head, sep, rest = title.partition("季度") if lang == "zh" else ("", "", title)
    lines = [head + sep, rest] if sep else [title]
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(TITLE_PT)
        run.font.color.rgb = RGBColor(0, 0, 0)
        _fonts(run, *FONTS[lang]["heading"])
        if i < len(lines) - 1:
            run.add_break()


def _heading(document: Document, text: str, lang: str) -> Paragraph:
    """A numbered section heading (一、…; 1. … in English), in 黑体."""
    paragraph = document.add_paragraph(style="Heading 1")
    run = paragraph.add_run(text)
    run.font.size = Pt(HEADING_PT)
    run.font.color.rgb = RGBColor(0, 0, 0)
    run.bold = lang == "en"
    _fonts(run, *FONTS[lang]["heading"])
    return paragraph


def _body(document: Document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)


def _table(document: Document, table: pd.DataFrame, caption: str) -> None:
    """A Word table with a bold header row, text left and numbers right, and a caption."""
    _caption(document, caption)
    grid = document.add_table(rows=1, cols=len(table.columns), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.columns, strict=True):
        run = cell.paragraphs[0].add_run(str(header))
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    numeric = [is_number_column(table[c]) for c in table.columns]
    for row in table.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value, right in zip(cells, row, numeric, strict=True):
            cell.paragraphs[0].add_run("" if pd.isna(value) else str(value))
            if right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(grid.rows[0])
    widths = _column_widths(table)
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.line_spacing = 1.0
                for run in paragraph.runs:
                    run.font.size = Pt(TABLE_PT)
    document.add_paragraph()


def _column_widths(table: pd.DataFrame) -> list[Mm]:
    """Widths sharing the text width by content: the longest value (long text wraps), at
    least half the header (headers wrap over two lines) and a few characters."""
    need = []
    for header in table.columns:
        values = [display_width(str(v)) for v in table[header] if not pd.isna(v)]
        longest = min(max(values, default=0), WRAP_AT)
        need.append(max(display_width(str(header)) / HEADER_LINES + 2, longest, MIN_WIDTH))
    return [Mm(TEXT_WIDTH_MM * n / sum(need)) for n in need]


def _repeat_header(row) -> None:
    """Repeat the header row at the top of every page the table runs over."""
    row._tr.get_or_add_trPr().append(row._tr.makeelement(qn("w:tblHeader"), {}))


def _caption(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(TABLE_PT + 1.5)


def _picture(document: Document, chart: Chart) -> None:
    """A chart as a PNG picture, centred, its caption (图N …) below and as its description."""
    document.add_picture(BytesIO(png(chart.figure)), width=Mm(CHART_WIDTH_MM))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.inline_shapes[-1]._inline.docPr.set("descr", chart.caption)
    _caption(document, chart.caption)
