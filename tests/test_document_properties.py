"""What Word and Excel show under 文件→信息: no library as author, the report's language."""

from __future__ import annotations

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from clusterlib.publish.bulletin_docx import write_bulletin_docx
from clusterlib.publish.bulletin_layout import bulletin_content
from clusterlib.publish.workbook import Sheet, write_sheets


@pytest.mark.parametrize(("lang", "language"), [("zh", "zh-CN"), ("en", "en-US")])
def test_the_bulletin_names_no_library_and_is_proofed_in_its_language(
    quarter_report, tmp_path, lang, language
):
    content = bulletin_content(quarter_report / "tables", "2019Q2", lang, synthetic=True)
    write_bulletin_docx(content, tmp_path / "b.docx", lang)
    document = Document(tmp_path / "b.docx")
    properties = document.core_properties
    assert (properties.author, properties.comments, properties.language) == ("", "", language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    [tag] = defaults.iter(qn("w:lang"))
    assert (tag.get(qn("w:val")), tag.get(qn("w:eastAsia"))) == (language, "zh-CN")


def test_a_workbook_names_no_library_and_has_its_language(tmp_path):
    write_sheets(tmp_path / "t.xlsx", [Sheet("表", pd.DataFrame({"a": [1]}))], "zh")
    properties = load_workbook(tmp_path / "t.xlsx").properties
    assert properties.creator in (None, "") and properties.language == "zh-CN"
