# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount

from .res_partner import GRADE_RANK

MANAGER_GROUP = "sales_doc_control.group_sales_manager"


class SalesCreditReview(models.Model):
    """CT-6: the semiannual credit review (每年6月、12月) of all customers of a company."""

    _name = "sales.credit.review"
    _description = "Semiannual Credit Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date desc, id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"

    name = fields.Char(string="Review", required=True, default=lambda self: self._default_name(), tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date = fields.Date(string="Review Date", required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("approved", "Approved"), ("applied", "Applied"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many("sales.credit.review.line", "review_id", string="Customers", copy=False)
    line_count = fields.Integer(compute="_compute_line_count")
    applied_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Each credit review period appears once per company."),
    ]

    @api.model
    def _default_name(self):
        today = fields.Date.context_today(self)
        half = self.env._("June") if today.month <= 6 else self.env._("December")
        return f"{today.year} {half}"

    @api.depends("line_ids")
    def _compute_line_count(self):
        for review in self:
            review.line_count = len(review.line_ids)

    def _get_to_validate_message_name(self):
        return self.env._("Credit Review")

    def _check_draft(self):
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "Credit review %(name)s is no longer a draft: its customers and decisions are kept "
                        "as approved.",
                        name=review.name,
                    )
                )

    def action_generate_lines(self):
        """CT-6: one line per graded customer and per ungraded customer trading for six months.

        Set-based: the facts of all customers come from two aggregate queries; customers that
        already have a line are skipped, so generating twice adds nothing.
        """
        self._check_draft()
        for review in self:
            company = review.company_id
            partners = self.env["res.partner"].with_company(company)
            customers = partners.search(
                [
                    ("parent_id", "=", False),
                    ("customer_rank", ">", 0),
                    ("company_id", "in", [company.id, False]),
                ]
            )
            # Loaded at once: reading them customer by customer would prefetch over the whole set each time.
            customers.fetch(["credit_grade", "credit_last_review_date", "create_date"])
            trading = customers._credit_trading_facts(company)
            # Odoo restricts the limit to accounting groups (see _credit_limit_value).
            customers.sudo().fetch(["credit_limit"])
            limits = {customer.id: customer.credit_limit for customer in customers.sudo()}
            receivables = customers._credit_receivables(company)
            six_months_ago = review.date - relativedelta(months=6)
            existing = review.line_ids.partner_id
            vals_list = []
            for customer in customers - existing:
                first, last, sales = trading.get(customer.id, (False, False, 0.0))
                if not customer.credit_grade and not (first and first <= six_months_ago):
                    continue
                _receivable, overdue, oldest = receivables.get(customer.id, (0.0, 0.0, False))
                overdue_days = (review.date - oldest).days if oldest else 0
                since = last or customer.credit_last_review_date or customer.create_date.date()
                inactive = relativedelta(review.date, since)
                inactive_months = inactive.years * 12 + inactive.months
                proposal = customer._credit_reclassification(company, inactive_months, overdue_days)
                proposed = customer.credit_grade
                if proposal and GRADE_RANK[proposal[0]] > GRADE_RANK[customer.credit_grade]:
                    proposed = proposal[0]
                elif not customer.credit_grade:
                    proposed = "b"
                limit = limits[customer.id]
                vals_list.append(
                    {
                        "review_id": review.id,
                        "partner_id": customer.id,
                        "months_inactive": inactive_months,
                        "overdue_amount": overdue,
                        "overdue_days": overdue_days,
                        "six_month_sales": sales,
                        "current_grade": customer.credit_grade,
                        "current_limit": limit,
                        "proposed_grade": proposed,
                        "decided_grade": proposed,
                        "decided_limit": 0.0 if proposed in ("c", "d") else limit,
                        "reason": proposal[1] if proposal else False,
                    }
                )
            self.env["sales.credit.review.line"]._credit_insert(vals_list)

    def action_apply(self):
        """CT-6: apply the approved decisions to the customers, all in this one transaction."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(
                self.env._("Only the sales manager applies an approved credit review: ask them to apply it.")
            )
        for review in self:
            if review.state != "approved":
                raise UserError(
                    self.env._(
                        "Credit review %(name)s is not approved: request validation and wait for finance and the "
                        "general manager.",
                        name=review.name,
                    )
                )
            approver = review.review_ids.filtered(lambda r: r.status == "approved").sorted("reviewed_date")[-1:].done_by
            company = review.company_id
            reason = self.env._("Semiannual credit review %(name)s", name=review.name)
            # Superuser: the approved review decides the grades, not the user who applies it. The
            # history (sales.credit.change) and one chatter note per changed customer record the
            # changes; field tracking would read every tracked field of every customer.
            partners = (
                review.line_ids.partner_id.with_company(company)
                .sudo()
                .with_context(
                    credit_change_source="review",
                    credit_change_reason=reason,
                    credit_approved_by_id=approver.id,
                    tracking_disable=True,
                )
            )
            partners.write({"credit_last_review_date": review.date, "credit_approved_by_id": approver.id})
            review.line_ids.fetch(["partner_id", "decided_grade", "decided_limit"])
            partners.fetch(["credit_grade", "credit_limit"])
            current = {partner.id: (partner.credit_grade, partner.credit_limit) for partner in partners}
            changes = defaultdict(list)
            rounding = company.currency_id.rounding
            for line in review.line_ids:
                grade, limit = current[line.partner_id.id]
                if grade != line.decided_grade or float_compare(limit, line.decided_limit, precision_rounding=rounding):
                    changes[(line.decided_grade, line.decided_limit)].append(line.partner_id.id)
            for (grade, limit), ids in changes.items():
                changed = partners.browse(ids)
                changed.write({"credit_grade": grade, "credit_limit": limit})
                label = dict(changed._fields["credit_grade"]._description_selection(self.env)).get(grade)
                body = self.env._(
                    "%(review)s: credit grade %(grade)s, limit %(limit)s.",
                    review=reason,
                    grade=label or self.env._("Ungraded"),
                    limit=format_amount(self.env, limit, company.currency_id),
                )
                changed._message_log_batch(bodies=dict.fromkeys(ids, body))
            review.write({"state": "applied", "applied_by_id": self.env.uid})

    def action_cancel(self):
        self._check_draft()
        self.write({"state": "cancel"})

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        self._check_draft()
        return super().unlink()

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers=tiers)
        self.message_post(
            body=self.env._("The review was rejected: correct the decisions and request validation again.")
        )
        self.restart_validation()
        return res

    @api.model
    def _cron_review_reminder(self):
        """CT-6: on 1 June and 1 December open the review of each company and remind the sales managers.

        Idempotent: the review of a period is created once per company (unique name).
        """
        today = fields.Date.context_today(self)
        if today.month not in (6, 12) or today.day != 1:
            return
        self._open_period_reviews(today)

    @api.model
    def _open_period_reviews(self, today):
        half = self.env._("June") if today.month <= 6 else self.env._("December")
        name = f"{today.year} {half}"
        managers = self.env.ref(MANAGER_GROUP).users
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for company in self.env["res.company"].search([("active", "=", True)]):
            if self.search_count([("name", "=", name), ("company_id", "=", company.id)]):
                continue
            review = self.create({"name": name, "company_id": company.id, "date": today})
            for user in managers.filtered(lambda u, company=company: company in u.company_ids and not u.share):
                review.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=self.env._("Run the semiannual credit review %(name)s", name=name),
                )
