# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_gate_pass import OFFICE_GROUPS


class SalesGatePassLine(models.Model):
    """DG-7: the goods a gate pass lets out, copied from the validated delivery."""

    _name = "sales.gate.pass.line"
    _description = "Gate Pass Line"
    _order = "pass_id, id"

    pass_id = fields.Many2one("sales.gate.pass", string="Gate Pass", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pass_id.company_id", store=True, precompute=True)
    product_id = fields.Many2one("product.product", string="Product Record", readonly=True, groups=OFFICE_GROUPS)
    product_name = fields.Char(string="Product", required=True, readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    uom_name = fields.Char(string="Unit", readonly=True)
