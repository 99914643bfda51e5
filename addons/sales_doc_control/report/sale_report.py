# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleReport(models.Model):
    """DC-9: the sales analysis follows the confidentiality of the orders it sums."""

    _inherit = "sale.report"

    sales_order_id = fields.Many2one("sale.order", readonly=True)

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        # Grouped by the order line's order already; rows of other sources (e.g. point of sale) have none.
        res["sales_order_id"] = "l.order_id"
        return res
