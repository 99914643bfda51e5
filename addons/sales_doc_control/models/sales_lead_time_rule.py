# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesLeadTimeRule(models.Model):
    """DC-7: production lead time by quantity band (生产交期表), in working days."""

    _name = "sales.lead.time.rule"
    _description = "Sales Lead Time Rule"
    _order = "max_quantity, id"

    name = fields.Char(string="Band", required=True, translate=True)
    max_quantity = fields.Float(
        string="Up to Quantity",
        required=True,
        help="Orders whose total quantity is at most this fall in this band.",
    )
    days_min = fields.Integer(string="Working Days (from)", required=True)
    days_max = fields.Integer(string="Working Days (to)", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    def _rule_for(self, quantity, company):
        return self.search(
            [("max_quantity", ">=", quantity), ("company_id", "in", [company.id, False])],
            order="max_quantity",
            limit=1,
        )
