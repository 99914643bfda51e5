# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AuthorityMatrixXlsx(models.AbstractModel):
    """DC-2: the authority matrix as a spreadsheet, laid out like the seed's table."""

    _name = "report.sales_doc_control.authority_matrix_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Authority Matrix XLSX Report"

    def _columns(self):
        matter = self.env["sales.authority.matter"]
        labels = {name: field._description_string(self.env) for name, field in matter._fields.items()}
        return [
            (
                labels["area"],
                22,
                lambda m: dict(m._fields["area"]._description_selection(self.env)).get(m.area, ""),
            ),
            (labels["name"], 28, lambda m: m.name),
            (labels["initiator_group_ids"], 24, self._initiators),
            (labels["handler_group_ids"], 24, lambda m: self._groups(m.handler_group_ids)),
            (
                labels["department_reviewer_group_ids"],
                28,
                lambda m: self._groups(m.department_reviewer_group_ids),
            ),
            (labels["related_reviewer_group_ids"], 28, lambda m: self._groups(m.related_reviewer_group_ids)),
            (labels["participant_group_ids"], 30, self._participants),
            (labels["approver_group_ids"], 28, lambda m: self._groups(m.approver_group_ids)),
            (labels["remarks"], 60, lambda m: m.remarks or ""),
            (labels["tier_definition_ids"], 40, lambda m: ", ".join(m.tier_definition_ids.mapped("name"))),
        ]

    def _groups(self, groups):
        return ", ".join(groups.mapped("name"))

    def _initiators(self, matter):
        names = matter.initiator_group_ids.mapped("name")
        if matter.initiated_by_customer:
            names.insert(0, self.env._("Customer"))
        return ", ".join(names)

    def _participants(self, matter):
        names = matter.participant_group_ids.mapped("name")
        if matter.participants_note:
            names.append(matter.participants_note)
        return ", ".join(names)

    def generate_xlsx_report(self, workbook, data, matters):
        sheet = workbook.add_worksheet(self.env._("Authority Matrix")[:31])
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        columns = self._columns()
        for col, (label, width, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, label, header)
        for row, matter in enumerate(matters.sorted(lambda m: (m.sequence, m.id)), start=1):
            for col, (_label, _width, getter) in enumerate(columns):
                sheet.write(row, col, getter(matter), cell)
        sheet.freeze_panes(1, 2)
