"""Publishing: charts, fonts, bulletin text, run tables and workbook, vintages."""
