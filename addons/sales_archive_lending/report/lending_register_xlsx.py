# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LendingRegisterXlsx(models.AbstractModel):
    """AL-6: the lending register (借阅登记) as a spreadsheet."""

    _name = "report.sales_archive_lending.lending_register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Lending Register XLSX Report"

    def generate_xlsx_report(self, workbook, data, lendings):
        sheet = workbook.add_worksheet(self.env._("Lending Register")[:31])
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        cell = workbook.add_format({"border": 1, "valign": "top"})
        fields_ = lendings._fields
        states = dict(fields_["state"]._description_selection(self.env))
        conditions = dict(fields_["return_condition"]._description_selection(self.env))

        def day(value):
            return fields.Date.to_string(value) or ""

        getters = [
            ("name", 16, lambda x: x.name),
            ("borrower_id", 20, lambda x: x.borrower_id.name),
            ("paper_file_ids", 40, lambda x: ", ".join(x.paper_file_ids.mapped("name"))),
            ("checkout_date", 14, lambda x: day(x.checkout_date)),
            ("due_date", 14, lambda x: day(x.due_date)),
            ("return_date", 14, lambda x: day(x.return_date)),
            ("return_condition", 12, lambda x: conditions.get(x.return_condition, "")),
            ("state", 12, lambda x: states.get(x.state, "")),
        ]
        columns = [(fields_[name]._description_string(self.env), width, getter) for name, width, getter in getters]
        for col, (label, width, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, label, header)
        for row, lending in enumerate(lendings, start=1):
            for col, (_label, _width, getter) in enumerate(columns):
                sheet.write(row, col, getter(lending), cell)
        sheet.freeze_panes(1, 1)
