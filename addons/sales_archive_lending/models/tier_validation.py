# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .tier_review import FOUR_EYES_MODELS


class TierValidation(models.AbstractModel):
    _inherit = "tier.validation"

    def _validate_tier(self, tiers=False):
        if self._name in FOUR_EYES_MODELS:
            # AL-3/AL-5/AL-6: one click decides one step, even for a user who may decide the next step
            # too (four eyes; see tier.review).
            tiers = (tiers or self.review_ids)._sales_first_open_step()
        return super()._validate_tier(tiers=tiers)
