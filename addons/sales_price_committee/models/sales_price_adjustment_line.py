# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SalesPriceAdjustmentLine(models.Model):
    """PC-5: one product's proposed new base price, with the old one kept for the record."""

    _name = "sales.price.adjustment.line"
    _description = "Base Price Adjustment Line"
    _order = "adjustment_id, product_id"

    adjustment_id = fields.Many2one("sales.price.adjustment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="adjustment_id.company_id", store=True)
    currency_id = fields.Many2one(related="adjustment_id.currency_id")
    product_id = fields.Many2one("product.product", required=True)
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_from_base",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    old_price = fields.Monetary(
        string="Current Base Price", compute="_compute_from_base", store=True, readonly=True, precompute=True
    )
    new_price = fields.Monetary(string="New Base Price", required=True)
    change_percent = fields.Float(string="Change (%)", compute="_compute_change_percent", digits=(16, 2))
    reason = fields.Char(required=True, help="Why this product's base price changes.")

    _sql_constraints = [
        (
            "adjustment_product_uniq",
            "unique(adjustment_id, product_id)",
            "A product may appear only once in an adjustment.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.adjustment_id._check_not_approved()
        return lines

    def write(self, vals):
        if not self.env.su:
            self.adjustment_id._check_not_approved()
        return super().write(vals)

    def unlink(self):
        self.adjustment_id._check_not_approved()
        return super().unlink()

    @api.depends("product_id")
    def _compute_from_base(self):
        """PC-5: the current base price (active table) is recorded when the line is proposed."""
        tables = {
            table.company_id: table
            for table in self.env["sales.price.table"].search(
                [("state", "=", "active"), ("company_id", "in", self.adjustment_id.company_id.ids)]
            )
        }
        for line in self:
            base = tables.get(line.adjustment_id.company_id, self.env["sales.price.table"]).line_ids.filtered(
                lambda base_line, product=line.product_id: base_line.product_id == product
            )
            line.uom_id = base.uom_id or line.product_id.uom_id
            line.old_price = base.price

    @api.depends("old_price", "new_price")
    def _compute_change_percent(self):
        for line in self:
            line.change_percent = (line.new_price - line.old_price) / line.old_price * 100 if line.old_price else 0.0
