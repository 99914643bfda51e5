# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Requests filed by a person, whose approvers must be other people.
OWN_REQUEST_MODELS = {"sales.access.request": "requester_id", "sales.lending": "borrower_id"}
# Records approved step by step, each step by a different person.
FOUR_EYES_MODELS = ("sales.access.request", "sales.lending", "sales.disposal.batch")
OPEN = ("waiting", "pending")


class TierReview(models.Model):
    _inherit = "tier.review"

    def _get_reviewers(self):
        """AL-3/AL-5/AL-6: nobody approves their own access request or lending, and nobody decides two
        steps of the same request or disposal batch (a general manager is also a sales manager by role,
        yet signs only one of the two steps), not even as someone's delegate."""
        reviewers = super()._get_reviewers()
        if self.model not in FOUR_EYES_MODELS:
            return reviewers
        # The requester and the earlier deciders are facts of the record, whoever computes the reviewers.
        record = self.env[self.model].sudo().browse(self.res_id)
        field = OWN_REQUEST_MODELS.get(self.model)
        if field:
            reviewers -= record[field]
        decided = record.review_ids.filtered(lambda r: r.id != self.id and r.status == "approved")
        return reviewers - decided.done_by

    def _sales_first_open_step(self):
        """AL-3/AL-5/AL-6: of these reviews of one record, the open one that comes first. Base tier
        validation approves every consecutive open step of the clicking user at once (all of them when
        no review is pending yet); restricted to the first, a person signs one step per click, and
        then drops out of the other steps (see write)."""
        return self.filtered(lambda r: r.status in OPEN).sorted("sequence")[:1]

    def write(self, vals):
        res = super().write(vals)
        if vals.get("status") == "approved":
            # Whoever decided this step drops out of the steps still open on the same record.
            for review in self.filtered(lambda r: r.model in FOUR_EYES_MODELS):
                record = self.env[review.model].sudo().browse(review.res_id)
                record.review_ids.filtered(lambda r: r.status in OPEN)._compute_reviewer_ids()
        return res
