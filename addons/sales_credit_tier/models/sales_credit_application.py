# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sales_credit_decision import CREDIT_GRADES

OPEN_STATES = ("draft",)
CLOSED_STATES = ("approved", "rejected")
MAIL_FIELDS = {"message_follower_ids", "message_main_attachment_id", "activity_ids", "review_ids"}


class SalesCreditApplication(models.Model):
    """CT-5: credit-limit application (信用额度申请表) and change (信用额度变更表)."""

    _name = "sales.credit.application"
    _description = "Credit Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation", "sales.document.mixin"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "draft"
    _sales_tier_rejected_state = "rejected"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", default=lambda self: self.env.user, tracking=True)
    application_type = fields.Selection(
        selection=[("new", "New Customer (Application)"), ("change", "Existing Customer (Change)")],
        string="Type",
        compute="_compute_facts",
        store=True,
        readonly=False,
        tracking=True,
        help="New customers are approved by the sales manager then the general manager; changes for "
        "existing customers by finance then the general manager.",
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    requested_grade = fields.Selection(CREDIT_GRADES, required=True, tracking=True)
    requested_limit = fields.Monetary(string="Requested Credit Limit", tracking=True)
    requested_payment_term_id = fields.Many2one("account.payment.term", tracking=True)
    justification = fields.Text(required=True, tracking=True)
    customer_scale = fields.Selection(
        selection=[("large", "Large"), ("medium", "Medium"), ("small", "Small")],
        string="Scale",
    )
    reputation = fields.Selection(
        selection=[("good", "Good"), ("fair", "Fair"), ("poor", "Poor")],
        string="Industry Reputation",
    )
    industry_rank = fields.Selection(
        selection=[("leading", "Leading"), ("middle", "Middle"), ("lagging", "Lagging")],
    )
    current_grade = fields.Selection(CREDIT_GRADES, compute="_compute_facts", store=True)
    current_limit = fields.Monetary(string="Current Credit Limit", compute="_compute_facts", store=True)
    current_payment_term_id = fields.Many2one("account.payment.term", compute="_compute_facts", store=True)
    first_invoice_date = fields.Date(string="First Invoice", compute="_compute_facts", store=True)
    last_invoice_date = fields.Date(string="Last Transaction", compute="_compute_facts", store=True)
    trading_months = fields.Integer(compute="_compute_facts", store=True)
    six_month_sales = fields.Monetary(string="Sales of the Last Six Months", compute="_compute_facts", store=True)
    receivable = fields.Monetary(string="Open Receivables", compute="_compute_facts", store=True)
    exposure = fields.Monetary(string="Credit Exposure", compute="_compute_facts", store=True)
    overdue_amount = fields.Monetary(compute="_compute_facts", store=True)
    overdue_days = fields.Integer(compute="_compute_facts", store=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approval_date = fields.Date(readonly=True, copy=False, tracking=True)

    @api.depends("partner_id", "company_id")
    def _compute_facts(self):
        """CT-5: the finance facts of the customer, filled in automatically."""
        today = fields.Date.context_today(self)
        for company, applications in self.grouped("company_id").items():
            customers = applications.partner_id.commercial_partner_id.with_company(company)
            exposure = customers._credit_exposure_map(company)
            trading = customers._credit_trading_facts(company)
            for application in applications:
                customer = application.partner_id.commercial_partner_id.with_company(company)
                values = exposure.get(customer.id) or dict.fromkeys(("receivable", "total"), 0.0)
                first, last, sales = trading.get(customer.id, (False, False, 0.0))
                delta = relativedelta(today, first) if first else None
                application.update(
                    {
                        "current_grade": customer.credit_grade,
                        "current_limit": customer._credit_limit_value(),
                        "current_payment_term_id": customer.property_payment_term_id,
                        "first_invoice_date": first,
                        "last_invoice_date": last,
                        "trading_months": delta.years * 12 + delta.months if delta else 0,
                        "six_month_sales": sales,
                        "receivable": values["receivable"],
                        "exposure": values["total"],
                        "overdue_amount": values.get("overdue_amount", 0.0),
                        "overdue_days": values.get("overdue_days", 0),
                        "application_type": "change" if first or customer.credit_grade else "new",
                    }
                )

    @api.constrains("requested_grade", "requested_limit")
    def _check_limit_by_grade(self):
        """CT-2: C and D customers get no credit; B customers need a limit."""
        for application in self:
            grade = application.requested_grade
            if grade in ("c", "d") and application.requested_limit:
                raise ValidationError(
                    self.env._(
                        "Credit application %(ref)s: grade %(grade)s customers get a credit limit of 0. "
                        "Set the requested limit to 0.",
                        ref=application.name,
                        grade=grade.upper(),
                    )
                )
            if grade == "b" and application.company_id.credit_b_requires_limit and application.requested_limit <= 0:
                raise ValidationError(
                    self.env._(
                        "Credit application %(ref)s: a grade B customer needs a credit limit. "
                        "Enter the requested limit.",
                        ref=application.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.credit.application") or "/"
        return super().create(vals_list)

    def write(self, vals):
        # The approval's record of who and when is written by the system (sudo), not by a user's edit.
        if set(vals) - MAIL_FIELDS - {"state"} and not self.env.su:
            closed = self.filtered(lambda a: a.state in CLOSED_STATES)
            if closed:
                raise UserError(
                    self.env._(
                        "Credit application %(ref)s is %(state)s and can no longer be changed. "
                        "Submit a new application instead.",
                        ref=closed[0].name,
                        state=dict(self._fields["state"]._description_selection(self.env))[closed[0].state],
                    )
                )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        self._check_unlink_only_undecided()
        return super().unlink()

    def _check_unlink_only_undecided(self):
        for application in self:
            if application.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Credit application %(ref)s has been decided and is kept. It cannot be deleted.",
                        ref=application.name,
                    )
                )

    def _sales_document_type_code(self):
        """DC-8/AL-1: a decided application (approved or rejected) is part of the customer's credit file
        (客户信用档案) and is kept from the end of the relationship. A draft or cancelled one is not
        filed yet: it may still be deleted, so the retention guard does not hold it."""
        return "credit_file" if self.state in CLOSED_STATES else False

    def _get_to_validate_message_name(self):
        return self.env._("Credit Application")

    def action_approve(self):
        """CT-5: once every tier approved it, the application changes the customer's credit."""
        for application in self:
            if application.state != "draft":
                raise UserError(self.env._("Credit application %(ref)s is not a draft any more.", ref=application.name))
        self.write({"state": "approved"})
        self._credit_apply()

    def action_cancel(self):
        for application in self:
            if application.state in CLOSED_STATES:
                raise UserError(
                    self.env._(
                        "Credit application %(ref)s has been decided and cannot be cancelled.",
                        ref=application.name,
                    )
                )
        self.write({"state": "cancel"})

    def action_draft(self):
        for application in self:
            if application.state != "cancel":
                raise UserError(
                    self.env._(
                        "Only a cancelled credit application can be reset to draft: %(ref)s.", ref=application.name
                    )
                )
        self.write({"state": "draft"})

    def _sales_tier_approved(self):
        # The last approval applies the change.
        self.action_approve()

    def _credit_apply(self):
        """CT-5: change the customer's grade, limit and term and keep who, when, from → to, why."""
        today = fields.Date.context_today(self)
        for application in self:
            approved = application.review_ids.filtered(lambda r: r.status == "approved").sorted("reviewed_date")
            approver = approved[-1:].done_by or self.env.user
            values = {
                "credit_grade": application.requested_grade,
                "credit_limit": application.requested_limit,
                "credit_last_review_date": today,
                "credit_approved_by_id": approver.id,
            }
            if application.requested_payment_term_id:
                values["property_payment_term_id"] = application.requested_payment_term_id.id
            customer = application.partner_id.commercial_partner_id.with_company(application.company_id)
            # Superuser: the approvers decided the change; who presses the button may not edit partners.
            customer.sudo().with_context(
                credit_change_source="application",
                credit_change_reason=application.justification,
                credit_application_id=application.id,
                credit_approved_by_id=approver.id,
            ).write(values)
            application.sudo().write({"approved_by_id": approver.id, "approval_date": today})
