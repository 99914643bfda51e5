# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

COLUMNS = [
    ("partner_id", 32),
    ("credit_grade", 8),
    ("credit_limit", 16),
    ("receivable", 16),
    ("shipped_not_invoiced", 16),
    ("instructed_not_shipped", 16),
    ("exposure", 16),
    ("available", 16),
    ("overdue_amount", 16),
    ("overdue_days", 10),
    ("last_review_date", 14),
    ("approved_by_id", 20),
]


class CreditMasterXlsx(models.AbstractModel):
    """CT-8: the credit master table (客户信用额度总表) as a spreadsheet."""

    _name = "report.sales_credit_tier.credit_master_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Credit Master Table XLSX Report"

    def _cell_value(self, row, name):
        value = row[name]
        field = row._fields[name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "date":
            return value.isoformat() if value else ""
        return value

    def generate_xlsx_report(self, workbook, data, rows):
        sheet = workbook.add_worksheet(self.env._("Credit Master Table")[:31])
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        money = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        cell = workbook.add_format({"border": 1})
        for col, (name, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            sheet.write(0, col, rows._fields[name]._description_string(self.env), header)
        for line, row in enumerate(rows, start=1):
            for col, (name, _width) in enumerate(COLUMNS):
                style = money if rows._fields[name].type == "monetary" else cell
                sheet.write(line, col, self._cell_value(row, name), style)
        sheet.freeze_panes(1, 1)
