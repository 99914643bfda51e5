# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .sales_price_authority_line import AUTHORITY_LEVELS


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    sales_price_authority_level = fields.Selection(
        selection=AUTHORITY_LEVELS,
        string="Grants Price Authority",
        help="On sales orders, an approved review of this tier covers prices up to this "
        "level of the price authority table.",
    )

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + [
            "sales.new.product.pricing",
            "sales.price.adjustment",
        ]
