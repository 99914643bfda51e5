# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class TierDefinition(models.Model):
    """DC-2: tie each approval tier to the authority-matrix matter it enforces."""

    _inherit = "tier.definition"

    authority_matter_id = fields.Many2one(
        "sales.authority.matter",
        index=True,
        help="The row of the sales authority matrix this tier puts into practice.",
    )
    sales_approval_stage = fields.Selection(
        selection=[
            ("quotation", "Quotation approval (before sending)"),
            ("contract", "Contract review (before confirmation)"),
        ],
        help="For sales orders: when this tier is requested. Quotation tiers are requested before the "
        "quotation is sent (and at confirmation if still missing); contract tiers at confirmation.",
    )

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["sale.order", "sales.contract.amendment"]
