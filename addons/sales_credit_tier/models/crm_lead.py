# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    """CT-10: prospect data (潜在客户基本资料表) and the development plan a lead belongs to."""

    _inherit = "crm.lead"

    prospect_scale = fields.Selection(
        selection=[("large", "Large"), ("medium", "Medium"), ("small", "Small")],
    )
    prospect_product_needs = fields.Text(string="Product Needs")
    prospect_current_suppliers = fields.Text(
        string="Current Suppliers",
        help="Who supplies the prospect today, with their product quality, price and how long they have supplied.",
    )
    development_plan_id = fields.Many2one("sales.development.plan", index=True)
