# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    sales_credit_approval = fields.Selection(
        selection=[("manager", "Sales Manager"), ("gm", "General Manager")],
        string="Credit Approval Level",
        help="For sales orders: an approved review of this tier grants the credit approval of this level (CT-4).",
    )

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + [
            "sales.credit.application",
            "sales.credit.review",
            "sales.development.plan",
        ]
