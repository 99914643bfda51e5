# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

COLUMNS = [
    ("date", 18),
    ("partner_id", 30),
    ("order_id", 14),
    ("picking_id", 18),
    ("notice_id", 16),
    ("product_id", 30),
    ("quantity", 10),
    ("product_uom_id", 8),
    ("amount", 14),
    ("carrier_id", 24),
    ("vehicle_plate", 12),
    ("tracking_ref", 18),
]


class ShipmentRegisterXlsx(models.AbstractModel):
    """DG-10: the shipment register as a spreadsheet."""

    _name = "report.sales_dispatch_gate.shipment_register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Shipment Register XLSX Report"

    def _cell_value(self, row, name):
        value = row[name]
        field = row._fields[name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "datetime":
            return value.isoformat(sep=" ") if value else ""
        return value or ("" if field.type == "char" else 0)

    def generate_xlsx_report(self, workbook, data, rows):
        sheet = workbook.add_worksheet(self.env._("Shipment Register")[:31])
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        number = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        cell = workbook.add_format({"border": 1})
        for col, (name, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            sheet.write(0, col, rows._fields[name]._description_string(self.env), header)
        for line, row in enumerate(rows.sorted(lambda r: (r.date, r.partner_id.display_name, r.id)), start=1):
            for col, (name, _width) in enumerate(COLUMNS):
                style = number if rows._fields[name].type in ("float", "monetary") else cell
                sheet.write(line, col, self._cell_value(row, name), style)
        sheet.freeze_panes(1, 2)
