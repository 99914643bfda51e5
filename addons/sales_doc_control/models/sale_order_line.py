# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

CONTRACT_TERMS = {"product_uom_qty", "price_unit", "name", "discount", "product_id"}
# What the approvers of a quotation decided on: its lines' terms.
REVIEWED_TERMS = CONTRACT_TERMS | {"product_uom", "tax_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        """DC-6: a confirmed contract gets no new line outside a contract change.

        Lines that sell nothing (sections, notes, down payments, re-invoiced expenses, and the
        zero-quantity lines Odoo adds for products delivered beyond the order) are not terms.
        """
        lines = super().create(vals_list)
        if self._sales_loading_data():
            return lines
        priced = lines.filtered(
            lambda line: not line.display_type
            and not line.is_downpayment
            and not line.is_expense
            and line.product_uom_qty
        )
        priced._sales_check_quotation_not_under_review()
        priced._sales_check_contract_not_confirmed()
        return lines

    def write(self, vals):
        """DC-6: the terms of a confirmed contract change only through an approved contract change.

        DC-3/DC-4: the terms of a quotation under review or approved change only after restarting
        its validation, as for the order's own fields (tier validation refuses those).
        """
        if REVIEWED_TERMS.intersection(vals):
            self._sales_check_quotation_not_under_review()
        if CONTRACT_TERMS.intersection(vals):
            self._sales_check_contract_not_confirmed()
        return super().write(vals)

    def unlink(self):
        priced = self.filtered(lambda line: not line.display_type and not line.is_downpayment)
        priced._sales_check_quotation_not_under_review()
        priced._sales_check_contract_not_confirmed()
        return super().unlink()

    def _sales_loading_data(self):
        """Records of data files loaded by the installer (demo orders) are not a business path.
        The context alone is not trusted: clients can send any context key."""
        return self.env.su and self.env.context.get("install_filename")

    def _sales_check_quotation_not_under_review(self):
        """DC-3/DC-4: an approval covers the lines it was given on; the reviews must restart for others."""
        if self._sales_loading_data():
            return
        reviewed = self.filtered(
            lambda line: line.order_id.state in ("draft", "sent") and line.order_id.review_ids and not line.display_type
        )
        if reviewed:
            raise UserError(
                self.env._(
                    "Quotation %(name)s is under review or approved: its lines (product, quantity, price, discount) "
                    "cannot change any more. Click “Restart Validation”, change the lines, then request the "
                    "approval again.",
                    name=reviewed[0].order_id.name,
                )
            )

    def _sales_check_contract_not_confirmed(self):
        if self.env["sale.order"]._sales_applying_amendment() or self._sales_loading_data():
            return
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
