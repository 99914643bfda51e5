# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

OPEN = ("waiting", "pending")
DECISIONS = ("approved", "rejected")
# What the approval buttons of OCA tier validation write as the acting user; every other field
# of a review is the workflow's and is written as superuser where the workflow decides it.
USER_WRITABLE = {"status", "done_by", "reviewed_date", "comment", "can_review", "todo_by", "last_reminder_date"}
# Fields a user may not set on a review he creates (requesting a validation sets none of them).
CLOSED_ON_CREATE = {
    "done_by",
    "reviewed_date",
    "comment",
    "reviewer_ids",
    "sales_deadline",
    "sales_overdue_notified",
    "sales_escalated_group_id",
    "sales_escalated_date",
    "sales_delegated_for_id",
}


class TierReview(models.Model):
    """DC-11: deadlines, overdue follow-up, escalation and delegation of approval steps.

    Everything here works on ``tier.review`` itself, so the reviews of every suite
    module (and of any other tier-validated document) get the same treatment.
    """

    _inherit = "tier.review"

    sales_deadline = fields.Datetime(string="Deadline", readonly=True, index=True)
    sales_overdue = fields.Boolean(string="Overdue", compute="_compute_sales_overdue", search="_search_sales_overdue")
    sales_overdue_notified = fields.Boolean(readonly=True, copy=False)
    sales_escalated_group_id = fields.Many2one("res.groups", string="Escalated To", readonly=True)
    sales_escalated_date = fields.Datetime(string="Escalated On", readonly=True)
    sales_delegated_for_id = fields.Many2one(
        "res.users",
        string="Decided on Behalf Of",
        readonly=True,
        help="The approver whose delegate took the decision.",
    )
    sales_record_name = fields.Char(string="Document", compute="_compute_sales_record_name")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._sales_check_create_rights(vals_list)
        reviews = super().create(vals_list)
        reviews._sales_open_siblings()._sales_start_deadlines()
        return reviews

    def write(self, vals):
        if not self.env.su:
            self._sales_check_write_rights(vals)
        if vals.get("done_by"):
            decider = self.env["res.users"].browse(vals["done_by"])
            for review in self:
                own = review._sales_base_reviewers()
                if decider not in own:
                    delegators = own.filtered(lambda u, d=decider: d in u._sales_active_delegates())
                    if delegators:
                        # Recorded by the workflow: the field is closed to users (see above).
                        review.sudo().sales_delegated_for_id = delegators[0]
        res = super().write(vals)
        if "status" in vals:
            self._sales_open_siblings()._sales_start_deadlines()
        return res

    def unlink(self):
        self._sales_check_unlink()
        return super().unlink()

    def _sales_check_unlink(self):
        """DC-3/DC-11 (X-6): a review is the approval record (审批记录: approver, opinion, time) filed with
        its document. Only tier validation removes reviews, for the documents it works on (see
        ``tier.validation``): restarting the validation, cancelling or reopening the document, deleting
        the document. Nobody deletes them directly, administrators included; uninstalling a module may."""
        if self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG):
            return
        documents = self.env.context.get("sales_reviews_released_by")
        released = {(documents._name, i) for i in documents.ids} if isinstance(documents, models.BaseModel) else set()
        for review in self:
            if (review.model, review.res_id) not in released:
                raise UserError(
                    self.env._(
                        "Approval step “%(step)s” of %(document)s is part of the approval record filed with the "
                        "document and cannot be deleted. To ask for the approval again, click “Restart "
                        "Validation” on the document.",
                        step=review.name or "",
                        document=review.sales_record_name or review.model,
                    )
                )

    # Who may decide a step (X-5) ---------------------------------------------

    def _sales_refuse(self, review=None):
        review = review or self[:1]
        raise AccessError(
            self.env._(
                "Approval step “%(step)s” of %(document)s is decided only by its approvers (%(reviewers)s), in "
                "turn, with the Validate and Reject buttons of the document. Ask them to decide it.",
                step=review.name or "",
                document=review.sales_record_name or "",
                reviewers=review.todo_by or "",
            )
        )

    @api.model
    def _sales_check_create_rights(self, vals_list):
        """X-5: requesting a validation creates undecided steps of the document's own tiers only."""
        definitions = self.env["tier.definition"].browse(
            [vals["definition_id"] for vals in vals_list if vals.get("definition_id")]
        )
        for vals in vals_list:
            definition = definitions.filtered(lambda d, v=vals: d.id == v.get("definition_id"))
            if (
                CLOSED_ON_CREATE.intersection(vals)
                or vals.get("status", "waiting") not in OPEN
                or (definition and definition.model != vals.get("model"))
            ):
                raise AccessError(
                    self.env._(
                        "Approval steps are created by “Request Validation” on the document, undecided. "
                        "Request the validation there and ask the approvers to decide."
                    )
                )

    def _sales_check_write_rights(self, vals):
        """X-5: only the approvers of a step decide it, in their turn, in their own name.

        OCA gives every internal user write access on ``tier.review``; without this a user could
        approve his own document through RPC, or make himself a reviewer.
        """
        if set(vals) - USER_WRITABLE:
            self._sales_refuse()
        user = self.env.user
        status = vals.get("status")
        if ("done_by" in vals and vals["done_by"] != user.id) or (
            ({"done_by", "reviewed_date"} & set(vals)) and status not in DECISIONS
        ):
            self._sales_refuse()
        siblings = self._sales_open_siblings()
        for review in self:
            deciding = status in DECISIONS or "comment" in vals
            if deciding and (review.status not in OPEN or user not in review.reviewer_ids):
                self._sales_refuse(review)
            if status == "approved" and review.approve_sequence:
                earlier = siblings.filtered(
                    lambda r, rev=review: r.model == rev.model and r.res_id == rev.res_id and r.sequence < rev.sequence
                )
                if earlier - self:
                    self._sales_refuse(review)
            if status == "pending" and review.status not in OPEN:
                self._sales_refuse(review)
            if status == "cancel":
                # OCA cancels the waiting steps after a rejection, in the rejecting reviewer's name.
                rejected = self.search_count(
                    [("model", "=", review.model), ("res_id", "=", review.res_id), ("status", "=", "rejected")],
                    limit=1,
                )
                if review.status != "waiting" or not rejected:
                    self._sales_refuse(review)
            if status == "waiting":
                self._sales_refuse(review)

    def _sales_open_siblings(self):
        """The undecided steps of the documents these reviews belong to (one query per model)."""
        siblings = self.browse()
        for model in set(self.mapped("model")):
            res_ids = self.filtered(lambda r, m=model: r.model == m).mapped("res_id")
            siblings |= self.search([("model", "=", model), ("res_id", "in", res_ids), ("status", "in", OPEN)])
        return siblings

    # Deadlines (DC-11) ---------------------------------------------------------

    def _sales_start_deadlines(self):
        """DC-11: a step's deadline runs from when it becomes the step to decide, not from the request.

        With an approval sequence, later steps wait without a deadline until the earlier ones are decided.
        """
        now = fields.Datetime.now()
        undecided = self.filtered(lambda r: r.status in OPEN)
        for review in undecided.filtered(lambda r: not r.sales_deadline):
            same_document = undecided.filtered(lambda r, rev=review: (r.model, r.res_id) == (rev.model, rev.res_id))
            if review.approve_sequence and review.sequence > min(same_document.mapped("sequence")):
                continue
            deadline = review.definition_id._sales_deadline(now, review.company_id or self.env.company)
            if deadline:
                # Kept by the workflow: the field is closed to users (see _sales_check_write_rights).
                review.sudo().sales_deadline = deadline

    def _compute_sales_overdue(self):
        now = fields.Datetime.now()
        for review in self:
            review.sales_overdue = bool(review.status in OPEN and review.sales_deadline and review.sales_deadline < now)

    @api.model
    def _search_sales_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("status", "in", OPEN), ("sales_deadline", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_sales_record_name(self):
        for review in self:
            record = self.env[review.model].browse(review.res_id) if review.model in self.env else None
            # X-5/DC-9: every internal user reads reviews, so only the document's own readers get its name.
            readable = record is not None and record.exists() and record.has_access("read")
            review.sales_record_name = record.display_name if readable else False

    @api.model
    def _get_reviewer_fields(self):
        return super()._get_reviewer_fields() + ["sales_escalated_group_id", "sales_escalated_group_id.users"]

    def _sales_base_reviewers(self):
        """The approvers named by the tier itself or by its escalation, without their delegates."""
        return self.reviewer_id | self.reviewer_group_id.users | self.sales_escalated_group_id.users

    def _get_reviewers(self):
        """DC-11: the escalation level and the delegates of absent approvers may decide too."""
        reviewers = super()._get_reviewers() | self.sales_escalated_group_id.users
        reviewers |= reviewers._sales_active_delegates()
        # DC-3: documents may exclude their own author from reviewing them (no self-approval).
        record = self.env[self.model].browse(self.res_id) if self.model in self.env else None
        if record and hasattr(record, "_sales_excluded_reviewers") and record.exists():
            reviewers -= record._sales_excluded_reviewers()
        return reviewers

    def _sales_refresh_reviewers(self):
        # The reviewers are closed to users' writes; delegations and escalations change them.
        self.sudo().filtered(lambda r: r.status in OPEN)._compute_reviewer_ids()

    def action_sales_escalate(self):
        """DC-11: hand a pending step to the next level before or at its deadline.

        X-5: only the step's approvers, the next level itself, or whoever requested the approval
        (chasing a late decision) may escalate it; the level is the tier's, never the caller's choice.
        """
        for review in self:
            group = review.definition_id.sales_escalation_group_id
            if review.status not in OPEN or not group:
                raise UserError(
                    self.env._(
                        "Approval step “%(step)s” cannot be escalated: it is decided already or its tier has no "
                        "escalation level. Set “Escalate To” on the tier first.",
                        step=review.name,
                    )
                )
            if not self.env.su and self.env.user not in review.reviewer_ids | group.users | review.requested_by:
                raise AccessError(
                    self.env._(
                        "Approval step “%(step)s” of %(document)s is escalated only by its approvers (%(reviewers)s), "
                        "by %(group)s or by whoever requested the approval. Ask one of them.",
                        step=review.name,
                        document=review.sales_record_name or "",
                        reviewers=review.todo_by or "",
                        group=group.name,
                    )
                )
            review._sales_escalate()

    def _sales_escalate(self):
        for review in self:
            group = review.definition_id.sales_escalation_group_id
            # The escalation fields are closed to users' writes; the caller has checked the right to escalate.
            review.sudo().write({"sales_escalated_group_id": group.id, "sales_escalated_date": fields.Datetime.now()})
            record = self.env[review.model].browse(review.res_id)
            if hasattr(record, "message_post"):
                record.message_post(
                    body=self.env._(
                        "Approval step “%(step)s” escalated to %(group)s.", step=review.name, group=group.name
                    ),
                    partner_ids=group.users.partner_id.ids,
                )

    @api.model
    def _cron_sales_overdue_reviews(self):
        """DC-11: remind overdue approvers, tell their superiors and escalate, once per overdue step."""
        overdue = self.search([("sales_overdue", "=", True), ("sales_overdue_notified", "=", False)])
        for review in overdue:
            record = self.env[review.model].browse(review.res_id)
            if not record.exists():
                continue
            if hasattr(record, "activity_schedule"):
                for reviewer in review.reviewer_ids.filtered(lambda u: u.active and not u.share):
                    record.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=reviewer.id,
                        date_deadline=fields.Date.context_today(review),
                        summary=self.env._("Overdue approval: %(step)s", step=review.name),
                    )
            # Approvers without a superior on file: the tier's next level hears of it instead.
            superiors = review.reviewer_ids.sales_superior_id or review.definition_id.sales_escalation_group_id.users
            if hasattr(record, "message_post"):
                record.message_post(
                    body=self.env._(
                        "Approval step “%(step)s” passed its deadline of %(deadline)s without a decision.",
                        step=review.name,
                        deadline=fields.Datetime.to_string(review.sales_deadline),
                    ),
                    partner_ids=superiors.partner_id.ids,
                )
            if review.definition_id.sales_escalation_group_id and not review.sales_escalated_group_id:
                review._sales_escalate()
        overdue.write({"sales_overdue_notified": True})
        # Delegations start and end with time, not with a write on the review.
        self.search([("status", "in", OPEN)])._sales_refresh_reviewers()
