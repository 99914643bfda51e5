# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class SalesContractAmendmentLine(models.Model):
    """DC-6: one order line's old → new values in a contract change."""

    _name = "sales.contract.amendment.line"
    _description = "Sales Contract Amendment Line"

    amendment_id = fields.Many2one("sales.contract.amendment", required=True, ondelete="cascade", index=True)
    order_line_id = fields.Many2one("sale.order.line", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="order_line_id.product_id")
    product_uom = fields.Many2one(related="order_line_id.product_uom", string="Unit")
    currency_id = fields.Many2one(related="order_line_id.currency_id")
    old_quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    new_quantity = fields.Float(digits="Product Unit of Measure")
    old_price = fields.Monetary(string="Old Unit Price", currency_field="currency_id", readonly=True)
    new_price = fields.Monetary(string="New Unit Price", currency_field="currency_id")
    old_description = fields.Text(string="Old Specification", readonly=True)
    new_description = fields.Text(string="New Specification")
    old_total_included = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    new_total_included = fields.Monetary(compute="_compute_totals", currency_field="currency_id")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            source = self.env["sale.order.line"].browse(vals.get("order_line_id"))
            # DC-6: the old values are the order's at the time of the change. A new quantity of 0 cancels
            # the rest of a line, a new price of 0 makes it free of charge; only values not given at all
            # keep the order's.
            vals.update(
                old_quantity=source.product_uom_qty,
                old_price=source.price_unit,
                old_description=source.name,
                new_description=vals.get("new_description") or source.name,
            )
            vals.setdefault("new_quantity", source.product_uom_qty)
            vals.setdefault("new_price", source.price_unit)
        lines = super().create(vals_list)
        lines.amendment_id._sales_check_lines_editable()
        return lines

    def write(self, vals):
        self.amendment_id._sales_check_lines_editable()
        return super().write(vals)

    def unlink(self):
        # Uninstalling the module (superuser, with Odoo's uninstall flag) removes every line.
        if not (self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.su):
            self.amendment_id._sales_check_lines_editable()
        return super().unlink()

    @api.onchange("order_line_id")
    def _onchange_order_line_id(self):
        source = self.order_line_id
        self.new_quantity = source.product_uom_qty
        self.new_price = source.price_unit
        self.new_description = source.name

    @api.depends("old_quantity", "new_quantity", "old_price", "new_price", "order_line_id")
    def _compute_totals(self):
        for line in self:
            source = line.order_line_id
            line.old_total_included = line._total_included(line.old_price, line.old_quantity)
            line.new_total_included = line._total_included(line.new_price, line.new_quantity) if source else 0.0

    def _total_included(self, price, quantity):
        source = self.order_line_id
        if not source:
            return 0.0
        unit = price * (1 - (source.discount or 0.0) / 100.0)
        taxes = source.tax_id.compute_all(
            unit, source.order_id.currency_id, quantity, product=source.product_id, partner=source.order_id.partner_id
        )
        return taxes["total_included"]

    def _new_values(self):
        self.ensure_one()
        return {"product_uom_qty": self.new_quantity, "price_unit": self.new_price, "name": self.new_description}
