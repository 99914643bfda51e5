# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models


class SalesPriceTableCompare(models.TransientModel):
    """PC-1: compare two versions of the base price table."""

    _name = "sales.price.table.compare"
    _description = "Compare Base Price Tables"

    old_table_id = fields.Many2one("sales.price.table", string="Older Version", required=True)
    new_table_id = fields.Many2one("sales.price.table", string="Newer Version", required=True)
    line_ids = fields.One2many("sales.price.table.compare.line", "wizard_id", string="Changes", readonly=True)

    def action_compare(self):
        for wizard in self:
            changes = wizard.new_table_id._compare_with(wizard.old_table_id)
            wizard.line_ids = [Command.clear(), *(Command.create(change) for change in changes)]
        return True


class SalesPriceTableCompareLine(models.TransientModel):
    _name = "sales.price.table.compare.line"
    _description = "Base Price Change"

    wizard_id = fields.Many2one("sales.price.table.compare", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    change_type = fields.Selection(
        selection=[("added", "Added"), ("removed", "Removed"), ("changed", "Changed")],
        string="Change",
        readonly=True,
    )
    old_price = fields.Float(digits="Product Price", readonly=True)
    new_price = fields.Float(digits="Product Price", readonly=True)
    change_percent = fields.Float(string="Change (%)", digits=(16, 2), readonly=True)
    reason = fields.Char(readonly=True)
