# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

AMOUNT_FIELDS = {"product_uom_qty", "price_unit", "discount", "tax_id", "product_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._credit_check_increase()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if AMOUNT_FIELDS.intersection(vals) and not self.env.context.get("credit_skip_increase_check"):
            self.order_id._credit_check_increase()
        return res
