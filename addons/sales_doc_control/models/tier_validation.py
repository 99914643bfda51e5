# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TierValidation(models.AbstractModel):
    """X-6: tier validation's own removals of reviews, the only ones ``tier.review`` allows; X-5: what the
    last decision does to the suite's documents."""

    _inherit = "tier.validation"

    # The state a suite document waits in for its approvals: its last approval calls
    # ``_sales_tier_approved()`` and a rejection moves it to ``_sales_tier_rejected_state``. A document
    # that sets neither handles its outcome itself, as OCA's tier validation leaves it.
    _sales_tier_waiting_state = False
    _sales_tier_rejected_state = False

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers=tiers)
        # The approval's own state write re-enters here; the context stops that, per model, so that the
        # documents an approval touches still reach their own outcome.
        reentry = f"sales_tier_approving_{self._name}"
        if self._sales_tier_waiting() and not self.env.context.get(reentry) and self.validation_status == "validated":
            self.with_context(**{reentry: True})._sales_tier_approved()
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers=tiers)
        if self._sales_tier_rejected_state and self._sales_tier_waiting():
            # A rejection ends the validation; the guard against edits under validation does not apply.
            self.with_context(skip_validation_check=True)._sales_tier_reject()
        return res

    def _sales_tier_waiting(self):
        state = self._sales_tier_waiting_state
        return bool(state) and self[self._state_field] == state

    def _sales_tier_approved(self):
        """The outcome of the last approval: the document is approved (documents that do more override it)."""
        self.write({self._state_field: "approved"})

    def _sales_tier_reject(self):
        self.write({self._state_field: self._sales_tier_rejected_state})

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
