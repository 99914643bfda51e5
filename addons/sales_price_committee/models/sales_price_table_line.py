# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesPriceTableLine(models.Model):
    """PC-1: one product's base price in a version of the base price table."""

    _name = "sales.price.table.line"
    _description = "Base Price"
    _order = "table_id, product_id"

    table_id = fields.Many2one(
        "sales.price.table", string="Base Price Table", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="table_id.company_id", store=True)
    currency_id = fields.Many2one(related="table_id.currency_id")
    table_state = fields.Selection(related="table_id.state", string="Table Status")
    product_id = fields.Many2one("product.product", required=True, index=True)
    product_categ_id = fields.Many2one(related="product_id.categ_id", string="Product Category")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    price = fields.Monetary(string="Base Price", currency_field="currency_id", required=True)
    change_reason = fields.Char(
        string="Reason for Change",
        help="Why this price differs from the previous version (shown in the version comparison).",
    )

    _sql_constraints = [
        ("table_product_uniq", "unique(table_id, product_id)", "A product may appear only once in a base price table."),
    ]

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            line.uom_id = line.product_id.uom_id or line.uom_id

    @api.constrains("uom_id", "product_id", "price")
    def _check_uom_price(self):
        for line in self:
            if line.uom_id.category_id != line.product_id.uom_id.category_id:
                raise ValidationError(
                    self.env._(
                        "Base price table %(table)s: the unit of %(product)s must measure the same "
                        "kind of quantity as the product's own unit. Pick a unit of that category.",
                        table=line.table_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
            if line.price < 0:
                raise ValidationError(
                    self.env._(
                        "Base price table %(table)s: the base price of %(product)s cannot be negative.",
                        table=line.table_id.display_name,
                        product=line.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.table_id._check_editable()
        return lines

    def write(self, vals):
        self.table_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.table_id._check_editable()
        return super().unlink()

    def _price_in(self, uom, currency, company, date):
        """PC-3: this base price per ``uom`` converted into ``currency`` at ``date``."""
        self.ensure_one()
        price = self.uom_id._compute_price(self.price, uom) if uom else self.price
        return self.currency_id._convert(price, currency, company, date)
