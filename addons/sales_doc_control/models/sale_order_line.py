# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

CONTRACT_TERMS = {"product_uom_qty", "price_unit", "name", "discount", "product_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        """DC-6: the terms of a confirmed contract change only through an approved contract change."""
        if CONTRACT_TERMS.intersection(vals) and not self.env.context.get("sales_amendment_apply"):
            locked = self.filtered(
                lambda line: line.order_id.state == "sale" and not line.display_type and not line.is_downpayment
            )
            if locked:
                raise UserError(
                    self.env._(
                        "Order %(name)s is a confirmed contract: quantity, price and specification change only "
                        "through a contract change. Use the “Contract Changes” button to record one and have it "
                        "approved.",
                        name=locked[0].order_id.name,
                    )
                )
        return super().write(vals)
