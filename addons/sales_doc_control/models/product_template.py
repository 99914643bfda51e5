# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    sales_non_regular = fields.Boolean(
        string="New or Non-Regular Product",
        help="Contracts with this product are non-regular-product contracts, " "approved by the general manager.",
    )
    sales_custom_made = fields.Boolean(
        string="Custom-Made",
        help="Made to the customer's order: the full amount is paid before the order is confirmed.",
    )
