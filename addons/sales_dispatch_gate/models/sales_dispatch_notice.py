# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, format_amount

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_credit_tier.models.sales_credit_decision import CREDIT_GRADES
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

FINANCE_GROUP = "sales_doc_control.group_sales_finance_reviewer"
SPECIALIST_GROUP = "sales_doc_control.group_sales_specialist"
MANAGER_GROUP = "sales_doc_control.group_sales_manager"
GM_GROUP = "sales_doc_control.group_sales_general_manager"

STATES = [
    ("draft", "Draft"),
    ("finance", "Finance Review"),
    ("reviewed", "Reviewed"),
    ("approved", "Approved"),
    ("done", "Shipped"),
    ("cancel", "Cancelled"),
]
CREDIT_RESULTS = [
    ("within", "Within Limit"),
    ("within_overdue", "Within Limit with Overdue"),
    ("over_limit", "Over Limit"),
    ("new_small", "New Customer within Threshold"),
    ("new_large", "New Customer above Threshold"),
]
GM_RESULTS = ("over_limit", "new_large")
LEVELS = {"manager": 1, "gm": 2}
SNAPSHOT_FIELDS = (
    "credit_grade",
    "credit_limit",
    "credit_receivable",
    "credit_shipped_not_invoiced",
    "credit_instructed_not_shipped",
    "credit_exposure",
    "credit_projected_exposure",
    "credit_overdue_amount",
    "credit_overdue_days",
    "credit_result",
)
# The vehicle that actually comes to load is known late: the warehouse checks it against the
# carrier's transport notice (seed 001 ch.5 §4.2.1 D), so transport details stay editable until shipped.
TRANSPORT_FIELDS = {"carrier_id", "vehicle_plate", "driver_name", "driver_phone", "transport_notice_ref"}
# only the workflow sets these: its buttons check the role and the step, then write them with
# sudo(). A user's write or create that sets them (e.g. an RPC call approving a draft) is refused.
WORKFLOW_FIELDS = {
    "state",
    "review_date",
    "reviewer_id",
    "payment_confirmed_by_id",
    "payment_confirmed_date",
    "approved_date",
    "approved_by_id",
    "approved_exposure",
    "shipped_date",
    "paperwork_due",
    "paperwork_done_date",
    "paperwork_done_by_id",
    "paperwork_escalated",
} | set(SNAPSHOT_FIELDS)
# Followed from the order and computed: a user's write would make the notice lie (e.g. another customer's credit).
DERIVED_FIELDS = {"partner_id", "commercial_partner_id", "user_id", "company_id", "late_notice", "amount_total"}
# What users may still change on an approved notice besides its transport details.
CHATTER_FIELDS = {"message_follower_ids", "message_main_attachment_id", "activity_ids", "review_ids"}


class SalesDispatchNotice(models.Model):
    """DG-1: the dispatch notice (发货通知单) that instructs the warehouse to ship an order's goods."""

    _name = "sales.dispatch.notice"
    _description = "Dispatch Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation", "sales.document.mixin"]
    _order = "planned_date desc, id desc"
    _state_from = ["reviewed"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _sales_tier_waiting_state = "reviewed"
    _sales_tier_rejected_state = "cancel"
    # With sales_archive_lending: writing these moves the retention trigger of the notice's document.
    _sales_retention_trigger_fields = ("shipped_date", "state")

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    order_id = fields.Many2one(
        "sale.order",
        string="Sale Order",
        required=True,
        index=True,
        tracking=True,
        domain="[('state', '=', 'sale'), ('company_id', '=', company_id)]",
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer", store=True)
    commercial_partner_id = fields.Many2one(
        related="order_id.partner_id.commercial_partner_id", string="Commercial Customer", store=True, index=True
    )
    partner_shipping_id = fields.Many2one(related="order_id.partner_shipping_id", string="Delivery Address")
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    type_id = fields.Many2one(
        "sales.dispatch.type",
        string="Dispatch Type",
        required=True,
        tracking=True,
        default=lambda self: self.env.ref("sales_dispatch_gate.dispatch_type_regular", raise_if_not_found=False),
    )
    authority_matter_code = fields.Char(related="type_id.authority_matter_id.code", string="Authority Matter Code")
    state = fields.Selection(
        STATES, string="Status", default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    notice_date = fields.Date(
        string="Drafted On", default=fields.Date.context_today, required=True, readonly=True, copy=False
    )
    planned_date = fields.Date(string="Planned Shipping Date", required=True, tracking=True)
    late_notice = fields.Boolean(
        compute="_compute_late_notice",
        store=True,
        help="Drafted later than the lead time of its dispatch type before the planned shipping date.",
    )
    line_ids = fields.One2many("sales.dispatch.notice.line", "notice_id", string="Lines", copy=True)
    amount_total = fields.Monetary(
        string="Amount", compute="_compute_amount_total", store=True, currency_field="currency_id"
    )
    carrier_id = fields.Many2one("res.partner", tracking=True)
    vehicle_plate = fields.Char(tracking=True)
    driver_name = fields.Char(string="Driver")
    driver_phone = fields.Char()
    transport_notice_ref = fields.Char(string="Transport Notice", help="Reference of the carrier's transport notice.")
    note = fields.Text()

    # DG-2: the finance review, frozen on the notice.
    review_date = fields.Datetime(string="Finance Reviewed On", readonly=True, copy=False)
    reviewer_id = fields.Many2one("res.users", string="Finance Reviewer", readonly=True, copy=False)
    credit_grade = fields.Selection(CREDIT_GRADES, string="Grade at Review", readonly=True, copy=False)
    credit_limit = fields.Monetary(readonly=True, copy=False)
    credit_receivable = fields.Monetary(string="Receivables", readonly=True, copy=False)
    credit_shipped_not_invoiced = fields.Monetary(string="Shipped Not Invoiced", readonly=True, copy=False)
    credit_instructed_not_shipped = fields.Monetary(string="Instructed Not Shipped", readonly=True, copy=False)
    credit_exposure = fields.Monetary(string="Exposure", readonly=True, copy=False)
    credit_projected_exposure = fields.Monetary(string="Exposure with this Notice", readonly=True, copy=False)
    credit_overdue_amount = fields.Monetary(string="Overdue Amount", readonly=True, copy=False)
    credit_overdue_days = fields.Integer(string="Overdue Days", readonly=True, copy=False)
    credit_result = fields.Selection(CREDIT_RESULTS, string="Check Result", readonly=True, copy=False, tracking=True)
    overdue_reason = fields.Text(
        tracking=True,
        copy=False,
        help="Why the goods should leave although the customer pays late (required when the check found overdue "
        "payments).",
    )
    approval_level = fields.Selection(
        [("manager", "Sales Manager"), ("gm", "General Manager"), ("phone", "Sales Manager by Phone")],
        compute="_compute_approval_level",
        help="Who approves this notice, from its dispatch type and the finance check.",
    )

    # DG-3: cash before delivery.
    payment_proof_required = fields.Boolean(related="type_id.payment_proof_required")
    payment_proof_ids = fields.Many2many("ir.attachment", copy=False, help="Bank draft or telegraphic transfer slip.")
    payment_id = fields.Many2one(
        "account.payment",
        string="Registered Payment",
        copy=False,
        domain="[('partner_id.commercial_partner_id', '=', commercial_partner_id), ('payment_type', '=', 'inbound')]",
    )
    payment_confirmed_by_id = fields.Many2one("res.users", string="Receipt Confirmed By", readonly=True, copy=False)
    payment_confirmed_date = fields.Datetime(string="Receipt Confirmed On", readonly=True, copy=False)

    # DG-4: what the approval saw.
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False, tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_exposure = fields.Monetary(
        string="Exposure at Approval",
        readonly=True,
        copy=False,
        help="The customer's exposure, without this notice, when it was approved; a delivery re-checks against it.",
    )

    # DG-3: emergency dispatch.
    phone_approval = fields.Boolean(related="type_id.phone_approval")
    phone_approver_id = fields.Many2one(
        "res.users",
        string="Approved by Phone",
        tracking=True,
        copy=False,
        help="The sales manager who approved by phone.",
    )
    phone_approval_time = fields.Datetime(tracking=True, copy=False)
    shipped_date = fields.Datetime(string="Shipped On", readonly=True, copy=False)
    paperwork_due = fields.Datetime(readonly=True, copy=False, tracking=True)
    paperwork_done_date = fields.Datetime(string="Paperwork Completed On", readonly=True, copy=False, tracking=True)
    paperwork_done_by_id = fields.Many2one("res.users", string="Paperwork Confirmed By", readonly=True, copy=False)
    paperwork_state = fields.Selection(
        [("pending", "Pending"), ("overdue", "Overdue"), ("done", "Completed")],
        compute="_compute_paperwork_state",
        search="_search_paperwork_state",
    )
    paperwork_escalated = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [("name_company_unique", "unique(name, company_id)", "A dispatch notice number must be unique.")]

    # Computations --------------------------------------------------------------

    @api.depends("planned_date", "notice_date", "type_id.lead_days")
    def _compute_late_notice(self):
        for notice in self:
            lead = notice.type_id.lead_days
            notice.late_notice = bool(
                lead and notice.planned_date and (notice.planned_date - notice.notice_date).days < lead
            )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for notice in self:
            notice.amount_total = notice.currency_id.round(sum(notice.line_ids.mapped("amount")))

    @api.depends("type_id.approval_route", "credit_result")
    def _compute_approval_level(self):
        for notice in self:
            route = notice.type_id.approval_route
            if route == "credit":
                route = "gm" if notice.credit_result in GM_RESULTS else "manager"
            notice.approval_level = route

    @api.depends("phone_approval", "state", "paperwork_done_date", "paperwork_due")
    def _compute_paperwork_state(self):
        now = fields.Datetime.now()
        for notice in self:
            if not notice.phone_approval or notice.state == "cancel" or not notice.phone_approval_time:
                notice.paperwork_state = False
            elif notice.paperwork_done_date:
                notice.paperwork_state = "done"
            elif notice.paperwork_due and notice.paperwork_due < now:
                notice.paperwork_state = "overdue"
            else:
                notice.paperwork_state = "pending"

    def _search_paperwork_state(self, operator, value):
        if operator not in ("=", "!=") or value not in ("pending", "overdue", "done"):
            raise UserError(self.env._("Unsupported search on the paperwork status."))
        base = [("type_id.phone_approval", "=", True), ("phone_approval_time", "!=", False), ("state", "!=", "cancel")]
        now = fields.Datetime.now()
        domains = {
            "done": base + [("paperwork_done_date", "!=", False)],
            "overdue": base + [("paperwork_done_date", "=", False), ("paperwork_due", "<", now)],
            "pending": base
            + [("paperwork_done_date", "=", False), "|", ("paperwork_due", "=", False), ("paperwork_due", ">=", now)],
        }
        domain = domains[value]
        return domain if operator == "=" else ["!", *domain]

    # ORM -----------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        orders = self.env["sale.order"].browse([vals["order_id"] for vals in vals_list if vals.get("order_id")])
        orders.check_access("read")
        for vals in vals_list:
            order = self.env["sale.order"].browse(vals.get("order_id"))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.dispatch.notice") or "/"
            if order and "company_id" not in vals:
                vals["company_id"] = order.company_id.id
            if order and not vals.get("line_ids"):
                vals["line_ids"] = self._dispatch_default_line_commands(order)
        notices = super().create(vals_list)
        notices.filtered("phone_approval")._dispatch_check_emergency_allowed()
        return notices

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS | DERIVED_FIELDS)
        if not self.env.su and set(vals) - CHATTER_FIELDS:
            self.filtered(
                lambda n: n.state == "done" or (n.state == "approved" and set(vals) - CHATTER_FIELDS - TRANSPORT_FIELDS)
            )._dispatch_refuse_changes()
        return super().write(vals)

    def _tier_validation_check_write_allowed(self, vals):
        # The workflow's own writes (sudo, workflow fields only) are the outcome of the validation, not
        # edits under it; OCA's check would search its exceptions on every shipment.
        if self.env.su and not set(vals) - WORKFLOW_FIELDS - CHATTER_FIELDS:
            return
        return super()._tier_validation_check_write_allowed(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first. Uninstalling the
        # module (superuser, with Odoo's uninstall flag) removes every notice, its demo ones included.
        if not (self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.su):
            self._dispatch_check_deletable()
        return super().unlink()

    def _dispatch_check_lines_open(self):
        """DG-5: the quantities of an approved notice are what the warehouse may ship; they stay as approved."""
        self.filtered(lambda n: n.state in ("approved", "done"))._dispatch_refuse_changes()

    def _dispatch_refuse_changes(self):
        if self:
            raise UserError(
                self.env._(
                    "Dispatch notice %(notice)s is approved and can no longer be changed. Cancel it (before "
                    "shipment) and draft a new one.",
                    notice=self[0].name,
                )
            )

    def _dispatch_check_deletable(self):
        for notice in self:
            if notice.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s has been submitted and is kept. Cancel it instead of deleting it.",
                        notice=notice.name,
                    )
                )

    def _sales_document_type_code(self):
        return "dispatch_notice"

    def _sales_retention_trigger_dates(self):
        """AL-1: a dispatch notice is kept from its shipment (发货记录, seed 000 保管期限)."""
        dates = super()._sales_retention_trigger_dates()
        for notice in self.filtered("shipped_date"):
            dates.setdefault(notice.id, {})["shipped"] = notice.shipped_date.date()
        return dates

    def _get_to_validate_message_name(self):
        return self.env._("Dispatch Notice")

    # Lines ---------------------------------------------------------------------

    @api.model
    def _dispatch_default_line_commands(self, order):
        """DG-1: one line per order line with what is neither delivered nor on another open notice."""
        remaining = self.env["sales.dispatch.notice.line"]._dispatch_remaining_by_sale_line(order.order_line)
        return [
            Command.create({"sale_line_id": line.id, "product_uom_qty": remaining[line.id]})
            for line in order.order_line
            if remaining.get(line.id, 0.0) > 0
        ]

    @api.onchange("order_id")
    def _onchange_order_id(self):
        if self.order_id and self.state == "draft":
            self.line_ids = [Command.clear()] + self._dispatch_default_line_commands(self.order_id)

    # Workflow ------------------------------------------------------------------

    def _dispatch_check_group(self, group, action):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only %(group)s may do this on dispatch notices (%(action)s). Ask one of them.",
                    group=self.env.ref(group).name,
                    action=action,
                )
            )
        # The buttons write the workflow fields with sudo(): the user must be allowed to change these notices.
        self.check_access("write")

    def _dispatch_check_state(self, states, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for notice in self:
            if notice.state not in states:
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s is %(state)s: it cannot be %(action)s now.",
                        notice=notice.name,
                        state=labels[notice.state],
                        action=action,
                    )
                )

    def action_submit(self):
        """DG-1/DG-2: the specialist hands the notice to finance."""
        self._dispatch_check_group(SPECIALIST_GROUP, self.env._("submit"))
        self._dispatch_check_state(("draft",), self.env._("submitted"))
        for notice in self:
            if not notice.line_ids or not any(notice.line_ids.mapped("product_uom_qty")):
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s has nothing to ship: add the lines and quantities first.",
                        notice=notice.name,
                    )
                )
        # workflow fields, written by the system once the role and the step are checked.
        self.sudo().write({"state": "finance"})
        self._dispatch_notify_group(FINANCE_GROUP, self.env._("Review the customer's credit on this dispatch notice."))

    def _dispatch_credit_facts(self):
        """DG-2: exposure parts, overdue, limit and the check result of this notice, computed now.

        The notice's own amount is added to the exposure of the other documents (the notice itself
        counts as instructed-not-shipped only once approved, so it is excluded here).
        """
        self.ensure_one()
        company = self.company_id
        customer = self.commercial_partner_id.with_company(company)
        exposure = customer.with_context(dispatch_exclude_notice_ids=self.ids)._get_credit_exposure()
        limit = customer._credit_limit_value()
        projected = company.currency_id.round(exposure["total"] + self.amount_total)
        overdue = float_compare(exposure["overdue_amount"], 0.0, precision_rounding=company.currency_id.rounding) > 0
        if self.type_id.new_customer or not customer.credit_grade:
            result = "new_large" if projected > company.credit_new_customer_amount else "new_small"
        elif self.type_id.credit_limit_applies and customer.credit_grade != "a" and projected > limit:
            result = "over_limit"
        else:
            result = "within_overdue" if overdue else "within"
        return {
            "credit_grade": customer.credit_grade,
            "credit_limit": limit,
            "credit_receivable": exposure["receivable"],
            "credit_shipped_not_invoiced": exposure["shipped_not_invoiced"],
            "credit_instructed_not_shipped": exposure["instructed_not_shipped"],
            "credit_exposure": exposure["total"],
            "credit_projected_exposure": projected,
            "credit_overdue_amount": exposure["overdue_amount"],
            "credit_overdue_days": exposure["overdue_days"],
            "credit_result": result,
        }

    def action_finance_review(self):
        """DG-2: finance records the exposure, the overdue payments, the limit and the check result.

        For cash before delivery, finance confirms the receipt of the payment at the same time.
        An emergency notice that already left gets its finance review afterwards (its paperwork).
        """
        self._dispatch_check_group(FINANCE_GROUP, self.env._("review"))
        for notice in self:
            emergency_paperwork = notice.phone_approval and notice.state in ("approved", "done")
            if notice.state != "finance" and not emergency_paperwork:
                notice._dispatch_check_state(("finance",), self.env._("reviewed by finance"))
            values = dict(notice._dispatch_credit_facts(), review_date=fields.Datetime.now(), reviewer_id=self.env.uid)
            if notice.payment_proof_required:
                if not notice.payment_proof_ids and not notice.payment_id:
                    raise UserError(
                        self.env._(
                            "Dispatch notice %(notice)s is cash before delivery: attach the payment proof (bank "
                            "draft or transfer slip) or link the registered payment before finance confirms it.",
                            notice=notice.name,
                        )
                    )
                values.update(payment_confirmed_by_id=self.env.uid, payment_confirmed_date=fields.Datetime.now())
            if not emergency_paperwork:
                values["state"] = "reviewed"
            # workflow fields, written by the system once the role and the step are checked.
            notice.sudo().write(values)
            if not emergency_paperwork and notice.user_id:
                notice.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=notice.user_id.id,
                    summary=self.env._("Finance reviewed: request the approval"),
                )

    def action_back_to_draft(self):
        """The specialist corrects a notice finance sent back, or a cancelled one; the review is redone."""
        self._dispatch_check_group(SPECIALIST_GROUP, self.env._("reset"))
        self._dispatch_check_state(("finance", "reviewed", "cancel"), self.env._("reset to draft"))
        # workflow fields, written by the system once the role and the step are checked.
        self.sudo().write(
            dict(dict.fromkeys(SNAPSHOT_FIELDS, False), state="draft", review_date=False, reviewer_id=False)
        )

    def request_validation(self):
        """DG-3: overdue payments need the specialist's reason before the approval is requested."""
        for notice in self:
            notice._dispatch_check_overdue_reason()
        return super().request_validation()

    def _dispatch_check_overdue_reason(self, result=None):
        self.ensure_one()
        if (result or self.credit_result) == "within_overdue" and not (self.overdue_reason or "").strip():
            raise UserError(
                self.env._(
                    "Customer %(customer)s has overdue payments (%(amount)s, %(days)s days). Write the overdue "
                    "reason on dispatch notice %(notice)s before the sales manager is asked to approve it.",
                    customer=self.commercial_partner_id.display_name,
                    amount=format_amount(self.env, self.credit_overdue_amount, self.currency_id),
                    days=self.credit_overdue_days,
                    notice=self.name,
                )
            )

    def _sales_tier_approved(self):
        # The last approval releases the notice.
        self.action_approve()

    def _sales_tier_reject(self):
        # workflow fields, written by the system once the role and the step are checked.
        return super(SalesDispatchNotice, self.sudo())._sales_tier_reject()

    def _dispatch_approved_level(self):
        """The highest level among the approved reviews of this notice (0 when none)."""
        self.ensure_one()
        levels = [0]
        for review in self.review_ids.filtered(lambda r: r.status == "approved"):
            group = review.definition_id.reviewer_group_id
            if group == self.env.ref(GM_GROUP):
                levels.append(LEVELS["gm"])
            elif group == self.env.ref(MANAGER_GROUP):
                levels.append(LEVELS["manager"])
        if not self.review_ids:
            # No tier applied (a company removed the definitions): the approver's own rights count.
            user = self.env.user
            levels.append(
                LEVELS["gm"] if user.has_group(GM_GROUP) else LEVELS["manager"] if user.has_group(MANAGER_GROUP) else 0
            )
        return max(levels)

    def action_approve(self):
        """DG-3/DG-4: release the notice once its approvals are complete, re-checking the credit under lock.

        The customer's row lock (shared with order confirmations) serialises approvals: a second
        notice approved at the same moment waits for, or fails against, the first and then sees it
        as instructed-not-shipped exposure, so two notices that fit the limit only one at a time
        cannot both pass.
        """
        self._dispatch_check_state(("reviewed",), self.env._("approved"))
        self.check_access("write")
        self.commercial_partner_id._credit_lock()
        for notice in self:
            if notice.review_ids and notice.validation_status != "validated":
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s still waits for its approvals: %(reviews)s.",
                        notice=notice.name,
                        reviews=", ".join(notice.review_ids.filtered(lambda r: r.status != "approved").mapped("name")),
                    )
                )
            notice._dispatch_recheck_at_approval()
            facts = notice._dispatch_credit_facts()
            # workflow fields, written by the system once the role and the step are checked.
            notice.sudo().write(
                {
                    "state": "approved",
                    "approved_date": fields.Datetime.now(),
                    "approved_by_id": self.env.uid,
                    "approved_exposure": facts["credit_exposure"],
                }
            )
            notice._dispatch_notify_warehouse()
        return True

    def _dispatch_recheck_at_approval(self):
        """DG-4: the credit seen now, under lock, must still be covered by the approvals given."""
        self.ensure_one()
        facts = self._dispatch_credit_facts()
        if self.type_id.approval_route != "credit" or facts["credit_result"] == self.credit_result:
            needed = LEVELS.get(self.approval_level, 0)
        else:
            needed = LEVELS["gm"] if facts["credit_result"] in GM_RESULTS else LEVELS["manager"]
        if self._dispatch_approved_level() < needed:
            raise UserError(
                self.env._(
                    "Dispatch notice %(notice)s can no longer be approved at this level: the exposure of %(customer)s "
                    "with this notice is now %(exposure)s (limit %(limit)s), because other shipments were approved "
                    "meanwhile. Send the notice back to finance for a new review; the general manager must approve it.",
                    notice=self.name,
                    customer=self.commercial_partner_id.display_name,
                    exposure=format_amount(self.env, facts["credit_projected_exposure"], self.currency_id),
                    limit=format_amount(self.env, facts["credit_limit"], self.currency_id),
                )
            )
        self._dispatch_check_overdue_reason(facts["credit_result"])

    def action_cancel(self):
        """A notice is cancelled before anything of it was shipped; shipped notices are kept."""
        self._dispatch_check_group(SPECIALIST_GROUP, self.env._("cancel"))
        for notice in self:
            if notice.state == "done" or any(notice.line_ids.mapped("qty_shipped")):
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s has shipped goods and cannot be cancelled.", notice=notice.name
                    )
                )
        # workflow fields, written by the system once the role and the step are checked.
        self.sudo().write({"state": "cancel"})

    # Emergency dispatch (DG-3) --------------------------------------------------

    def _dispatch_check_emergency_allowed(self):
        """DG-3: a salesperson with overdue emergency paperwork may not issue another emergency notice."""
        for notice in self:
            # The rule applies to the salesperson's notices whoever drafts this one (an assistant may
            # not see them all).
            overdue = self.sudo().search_count(
                [
                    ("user_id", "=", notice.user_id.id),
                    ("id", "!=", notice.id),
                    ("paperwork_state", "=", "overdue"),
                ]
            )
            if overdue:
                raise UserError(
                    self.env._(
                        "%(user)s has %(count)s emergency dispatch notice(s) whose paperwork is overdue. Complete "
                        "them (finance review and the sales manager's confirmation) before a new emergency dispatch.",
                        user=notice.user_id.name,
                        count=overdue,
                    )
                )

    def action_record_phone_approval(self):
        """DG-3: emergency: the sales manager approved by phone; the goods may leave at once.

        The approval still takes the customer's lock, so that the notice counts as instructed at once.
        """
        self._dispatch_check_group(SPECIALIST_GROUP, self.env._("record a phone approval"))
        self._dispatch_check_state(("draft",), self.env._("approved by phone"))
        for notice in self:
            if not notice.phone_approval:
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s is not an emergency dispatch: it goes through finance and the "
                        "approvals.",
                        notice=notice.name,
                    )
                )
            if not notice.phone_approver_id or not notice.phone_approval_time:
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s: record who approved by phone and when before the goods leave.",
                        notice=notice.name,
                    )
                )
            if not notice.phone_approver_id.has_group(MANAGER_GROUP):
                raise UserError(
                    self.env._(
                        "%(user)s is not a sales manager: only the sales manager approves an emergency dispatch by "
                        "phone.",
                        user=notice.phone_approver_id.name,
                    )
                )
        self._dispatch_check_emergency_allowed()
        self.commercial_partner_id._credit_lock()
        for notice in self:
            facts = notice._dispatch_credit_facts()
            # workflow fields, written by the system once the role and the step are checked.
            notice.sudo().write(
                {
                    "state": "approved",
                    "approved_date": fields.Datetime.now(),
                    "approved_by_id": notice.phone_approver_id.id,
                    "approved_exposure": facts["credit_exposure"],
                }
            )
            notice._dispatch_notify_warehouse()

    def _dispatch_record_shipment(self, when=None, finished=None):
        """DG-3/DG-5: the first shipment of a notice (emergency paperwork falls due from it); the
        ``finished`` notices are done. Notices that change alike are written together (X-7)."""
        when = fields.Datetime.to_datetime(when) or fields.Datetime.now()
        finished = finished or self.browse()
        changes = defaultdict(lambda: self.browse())
        for notice in self:
            values = {"state": "done"} if notice in finished else {}
            if not notice.shipped_date:
                values["shipped_date"] = when
                if notice.phone_approval:
                    values["paperwork_due"] = notice._dispatch_paperwork_deadline(when)
            if values:
                changes[tuple(sorted(values.items()))] |= notice
        for values, notices in changes.items():
            # workflow fields, written by the system once the role and the step are checked.
            notices.sudo().write(dict(values))

    def _dispatch_paperwork_deadline(self, shipped):
        """DG-3: the end of the n-th working day after the shipment, on the company's working calendar."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        days = self.type_id.paperwork_days
        if not calendar:
            return shipped + timedelta(days=days)
        # The shipment day counts when work remains on it; the deadline is the end of work on the day after.
        return calendar.plan_days(days + 1, shipped, compute_leaves=True) or shipped + timedelta(days=days)

    def action_complete_paperwork(self):
        """DG-3: the sales manager confirms the complete emergency notice (after finance's review)."""
        self._dispatch_check_group(MANAGER_GROUP, self.env._("confirm the paperwork"))
        for notice in self:
            if not notice.phone_approval or notice.paperwork_done_date or not notice.phone_approval_time:
                raise UserError(
                    self.env._("Dispatch notice %(notice)s has no emergency paperwork pending.", notice=notice.name)
                )
            if not notice.review_date:
                raise UserError(
                    self.env._(
                        "Dispatch notice %(notice)s: finance must review the emergency dispatch before its paperwork "
                        "is complete.",
                        notice=notice.name,
                    )
                )
            notice._dispatch_check_overdue_reason()
        # workflow fields, written by the system once the role and the step are checked.
        self.sudo().write({"paperwork_done_date": fields.Datetime.now(), "paperwork_done_by_id": self.env.uid})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    @api.model
    def _cron_emergency_paperwork(self):
        """DG-3: escalate overdue emergency paperwork to the general manager, once per notice."""
        # The job escalates every salesperson's overdue paperwork on behalf of the policy.
        overdue = self.sudo().search([("paperwork_state", "=", "overdue"), ("paperwork_escalated", "=", False)])
        if not overdue:
            return
        managers = self.env.ref(GM_GROUP).users.filtered(lambda u: u.active and not u._is_superuser())
        for notice in overdue:
            for user in managers.filtered(lambda u, n=notice: n.company_id in u.company_ids):
                notice.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Emergency dispatch paperwork overdue"),
                    note=self.env._(
                        "The complete dispatch notice %(notice)s of %(user)s was due on %(due)s. Further emergency "
                        "dispatches of this salesperson are blocked until it is completed.",
                        notice=notice.name,
                        user=notice.user_id.name,
                        due=fields.Datetime.to_string(notice.paperwork_due),
                    ),
                )
        # workflow fields, written by the system once the role and the step are checked.
        overdue.sudo().write({"paperwork_escalated": True})

    # Notifications -------------------------------------------------------------

    def _dispatch_notify_group(self, group, summary):
        users = self.env.ref(group).users.filtered(lambda u: u.active and not u._is_superuser())
        for notice in self:
            for user in users.filtered(lambda u, n=notice: n.company_id in u.company_ids):
                notice.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=summary)

    def _dispatch_notify_warehouse(self):
        """DG-3: the approved notice goes to the warehouse (and the gate sees it through the passes)."""
        self._dispatch_notify_group(
            "sales_doc_control.group_sales_warehouse_keeper",
            self.env._("Prepare the goods of this approved dispatch notice"),
        )

    @api.constrains("phone_approver_id", "type_id")
    def _check_phone_approval_type(self):
        for notice in self:
            if notice.phone_approver_id and not notice.phone_approval:
                raise ValidationError(
                    self.env._(
                        "Dispatch notice %(notice)s: only emergency dispatches are approved by phone.",
                        notice=notice.name,
                    )
                )
