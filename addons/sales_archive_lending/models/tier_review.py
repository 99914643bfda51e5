# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Requests filed by a person, whose approvers must be other people.
OWN_REQUEST_MODELS = {"sales.access.request": "requester_id", "sales.lending": "borrower_id"}


class TierReview(models.Model):
    _inherit = "tier.review"

    def _get_reviewers(self):
        """AL-5/AL-6: nobody approves their own access request or lending, at any step, not even
        as a member of the approving group or as someone's delegate."""
        reviewers = super()._get_reviewers()
        field = OWN_REQUEST_MODELS.get(self.model)
        if field:
            # The requester is a fact of the request, whoever computes the reviewers.
            reviewers -= self.env[self.model].sudo().browse(self.res_id)[field]
        return reviewers
