# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TierValidation(models.AbstractModel):
    """X-6: tier validation's own removals of reviews, the only ones ``tier.review`` allows."""

    _inherit = "tier.validation"

    def _sales_releasing_reviews(self):
        """These documents, allowed to remove their own reviews. The context carries the documents
        themselves (a recordset, which no RPC client can send), not a flag anyone could set."""
        return self.with_context(sales_reviews_released_by=self)

    def restart_validation(self):
        # Restarting removes the reviews of the round so that the tiers can be requested again.
        return super(TierValidation, self._sales_releasing_reviews()).restart_validation()

    def _tier_validation_check_write_remove_reviews(self, vals):
        # A document cancelled, or reopened after it left the states under validation, starts over.
        return super(TierValidation, self._sales_releasing_reviews())._tier_validation_check_write_remove_reviews(vals)

    def unlink(self):
        # The reviews go with their document when the document itself may be deleted (its own rules,
        # checked in the same transaction, roll the removal back otherwise).
        return super(TierValidation, self._sales_releasing_reviews()).unlink()
