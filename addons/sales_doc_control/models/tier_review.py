# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

OPEN = ("waiting", "pending")


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
        reviews = super().create(vals_list)
        now = fields.Datetime.now()
        for review in reviews:
            company = review.company_id or self.env.company
            deadline = review.definition_id._sales_deadline(now, company)
            if deadline:
                review.sales_deadline = deadline
        return reviews

    def write(self, vals):
        if vals.get("done_by"):
            decider = self.env["res.users"].browse(vals["done_by"])
            for review in self:
                own = review._sales_base_reviewers()
                if decider not in own:
                    delegators = own.filtered(lambda u, d=decider: d in u._sales_active_delegates())
                    if delegators:
                        review.sales_delegated_for_id = delegators[0]
        return super().write(vals)

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
            review.sales_record_name = record.sudo().display_name if record and record.exists() else False

    @api.model
    def _get_reviewer_fields(self):
        return super()._get_reviewer_fields() + ["sales_escalated_group_id", "sales_escalated_group_id.users"]

    def _sales_base_reviewers(self):
        """The approvers named by the tier itself or by its escalation, without their delegates."""
        return self.reviewer_id | self.reviewer_group_id.users | self.sales_escalated_group_id.users

    def _get_reviewers(self):
        """DC-11: the escalation level and the delegates of absent approvers may decide too."""
        reviewers = super()._get_reviewers() | self.sales_escalated_group_id.users
        return reviewers | reviewers._sales_active_delegates()

    def _sales_refresh_reviewers(self):
        self.filtered(lambda r: r.status in OPEN)._compute_reviewer_ids()

    def action_sales_escalate(self):
        """DC-11: hand a pending step to the next level before or at its deadline."""
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
            review._sales_escalate()

    def _sales_escalate(self):
        for review in self:
            group = review.definition_id.sales_escalation_group_id
            review.write({"sales_escalated_group_id": group.id, "sales_escalated_date": fields.Datetime.now()})
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
            superiors = review.reviewer_ids.sales_superior_id
            if superiors and hasattr(record, "message_post"):
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
