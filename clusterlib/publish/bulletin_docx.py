"""The quarterly bulletin (季通报) as a Word document, built from the run's tables."""

from __future__ import annotations

from dataclasses import dataclass
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
from matplotlib.figure import Figure

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.goals.catalogue import load_settings
from clusterlib.goals.history import detectable_premium_note
from clusterlib.labels import BULLETIN_TEXT, DOCX_TEXT, column_label, t
from clusterlib.pipeline import outlook, quarter_tables, run_gaps, run_slipping
from clusterlib.publish import bulletin
from clusterlib.publish.fan_charts import growth_ranking_chart
from clusterlib.publish.workbook import display_width

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
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class BulletinContent:
    """What the bulletin says: the same text and tables as ``bulletin.html``."""

    title: str
    synthetic: bool
    paragraphs: list[str]
    items: list[str]
    note: str
    goals: pd.DataFrame
    full: dict[str, pd.DataFrame]


def bulletin_content(
    tables_dir: Path,
    quarter: str,
    lang: str = "zh",
    synthetic: bool = False,
    as_of_month: str = "",
    naive: tuple[tuple[str, str], ...] = (),
) -> BulletinContent:
    """The bulletin's text and tables from a run's ``tables/`` (as notebook 05 builds them);
    ``as_of_month`` is the run setting (empty: the quarter's last month), ``naive`` the
    series the quarterly models cannot fit (:func:`~clusterlib.pipeline.model_fallbacks`)."""
    goals, full = quarter_tables(tables_dir)
    late = run_slipping(tables_dir)
    missing = tables_dir / "missing_data.csv"  # written by the batch when data are missing
    coverage = None
    if missing.exists():
        gaps = pd.read_csv(missing, dtype=str, keep_default_na=False)
        coverage = Coverage.from_frame(gaps, quarter)
    settings = load_settings()
    ahead = outlook(quarter, as_of_month, run_gaps(tables_dir), naive)
    paragraphs = bulletin.paragraphs(goals, full, late, ahead.month.year, lang, coverage, ahead)
    return BulletinContent(
        title=bulletin.title(quarter, lang),
        synthetic=synthetic,
        paragraphs=paragraphs,
        items=bulletin.goals_at_risk(goals, lang),
        note=detectable_premium_note(settings, lang),
        goals=goals,
        full=full,
    )


def full_year_table(full: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One indicator's full-year growth, the city first then fastest first, labelled."""
    order = full.assign(city=full["region"] != "city").sort_values(
        ["city", "full_year_growth"], ascending=[True, False]
    )
    columns = {
        "region_name": order["region"].map(lambda r: catalog.region_name(str(r), lang)),
        "full_year_growth": order["full_year_growth"],
    }
    for bound in ("full_year_lo_80", "full_year_hi_80"):
        if bound in order:
            columns[bound] = order[bound]
    columns["basis"] = order["basis"].map(lambda b: DOCX_TEXT[lang].get(b, b))
    table = pd.DataFrame(columns).reset_index(drop=True)
    return table.rename(columns=lambda c: column_label(c, lang))


def write_bulletin_docx(content: BulletinContent, path: Path, lang: str = "zh") -> None:
    """Write ``content`` as an A4 Word document laid out as a government bulletin.

    Title in bold 黑体, body in 仿宋 (Latin text in Times New Roman), sections numbered
    一、二、三 (1. 2. 3. in English); the goals at risk, the scorecard and the full-year growth
    are Word tables, the ranking charts pictures with captions (the chart's title in one line).
    """
    text = DOCX_TEXT[lang]
    document = Document()
    _declare_fonts(document, lang)
    _page(document)
    _style(document, lang)
    _title(document, content.title, lang)
    if content.synthetic:
        notice = document.add_paragraph()
        run = notice.add_run(BULLETIN_TEXT[lang]["synthetic"])
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    sections = iter(range(len(CHINESE_NUMERALS)))
    _heading(document, next(sections), text["overview"], lang)
    for paragraph in content.paragraphs:
        _body(document, paragraph)
    if content.items:
        _heading(document, next(sections), BULLETIN_TEXT[lang]["risk_head"], lang)
        for item in content.items:
            _body(document, item)
        at_risk = bulletin.formatted(bulletin.at_risk_table(content.goals, lang), lang)
        _table(document, at_risk, BULLETIN_TEXT[lang]["risk_table_head"], lang)
    if not content.goals.empty:  # no goal of the run's year: no empty table
        _heading(document, next(sections), t("scorecard_title", lang), lang)
        card = bulletin.formatted(bulletin.scorecard_table(content.goals, lang), lang)
        _table(document, card, t("scorecard_title", lang), lang)
    _heading(document, next(sections), text["growth_head"], lang)
    for number, (indicator, full) in enumerate(content.full.items(), start=1):
        name = catalog.indicator_name(indicator, lang)
        _table(document, _rounded(full_year_table(full, lang)), name, lang)
        chart = growth_ranking_chart(full, lang, content.synthetic)
        _picture(document, chart, number, chart.axes[0].get_title(loc="left"), lang)
    if content.note:
        note = document.add_paragraph()
        note.add_run(content.note).font.size = Pt(NOTE_PT)
    document.save(path)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Numbers to one decimal as text (growth in %)."""
    shown = {
        c: table[c].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
        for c in table.columns
        if pd.api.types.is_numeric_dtype(table[c])
    }
    return table.assign(**shown)


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


def _heading(document: Document, number: int, text: str, lang: str) -> Paragraph:
    """A numbered section heading: 一、… (1. … in English), in 黑体."""
    label = f"{CHINESE_NUMERALS[number]}、" if lang == "zh" else f"{number + 1}. "
    paragraph = document.add_paragraph(style="Heading 1")
    run = paragraph.add_run(label + text)
    run.font.size = Pt(HEADING_PT)
    run.font.color.rgb = RGBColor(0, 0, 0)
    run.bold = lang == "en"
    _fonts(run, *FONTS[lang]["heading"])
    return paragraph


def _body(document: Document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)


def _table(document: Document, table: pd.DataFrame, caption: str, lang: str) -> None:
    """A Word table with a bold header row, text left and numbers right, and a caption."""
    _caption(document, caption)
    grid = document.add_table(rows=1, cols=len(table.columns), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.columns, strict=True):
        run = cell.paragraphs[0].add_run(str(header))
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    numeric = [_is_number_column(table[c]) for c in table.columns]
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


def _is_number_column(values: pd.Series) -> bool:
    """Whether a formatted column holds numbers (e.g. "7.9", "85%"), blanks allowed."""
    text = values.astype(str).str.rstrip("%").replace("", None).dropna()
    return bool(len(text)) and pd.to_numeric(text, errors="coerce").notna().all()


def _caption(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(TABLE_PT + 1.5)


def _picture(document: Document, figure: Figure, number: int, caption: str, lang: str) -> None:
    """A chart as a PNG picture, centred, with its caption 图N (Figure N) below."""
    png = BytesIO()
    figure.savefig(png, format="png", dpi=150)
    png.seek(0)
    document.add_picture(png, width=Mm(CHART_WIDTH_MM))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = ("：" if lang == "zh" else ": ").join(caption.splitlines())
    label = f"图{number}　{caption}" if lang == "zh" else f"Figure {number}. {caption}"
    _caption(document, label)
