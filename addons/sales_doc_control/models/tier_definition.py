# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TierDefinition(models.Model):
    """DC-2: tie each approval tier to the authority-matrix matter it enforces."""

    _inherit = "tier.definition"

    authority_matter_id = fields.Many2one(
        "sales.authority.matter",
        index=True,
        help="The row of the sales authority matrix this tier puts into practice.",
    )
