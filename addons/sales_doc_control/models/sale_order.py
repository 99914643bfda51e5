# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .tier_review import OPEN

QUOTATION = "quotation"
CONTRACT = "contract"
OPEN_REVIEW_STATUSES = ("waiting", "pending", "rejected")
# DC-9: besides the salesperson and the reviewers of the order, who reads a confidential order.
# The sales manager (and the general manager above him) by the policy; the sales assistant, who
# enters the signed contract and files its copy, and finance and legal, who keep a signed original
# (seed 000, 合同签订: 销售部门、财务部、法务部留存). Secret orders: the GM and the named managers only.
CONFIDENTIAL_READER_GROUPS = (
    "sales_doc_control.group_sales_manager",
    "sales_doc_control.group_sales_assistant",
    "sales_doc_control.group_sales_finance_reviewer",
    "sales_doc_control.group_sales_legal_reviewer",
)


class SaleOrder(models.Model):
    """DC-3 quotation approval and DC-4 contract review on top of OCA tier validation.

    Reviews come in two stages on the same order: quotation tiers are requested
    before the quotation is sent, contract tiers before it is confirmed. The write
    guard of ``tier.validation`` holds every path that moves the state (buttons,
    mail composer, portal, server actions, code); the stage is chosen from the
    state the order is moving to.
    """

    _name = "sale.order"
    _inherit = ["sale.order", "tier.validation", "sales.document.mixin"]
    _sales_document_fields = ("name", "partner_id", "user_id", "state", "company_id", "sales_contract_start")
    _state_from = ["draft", "sent"]
    _state_to = ["sent", "sale"]
    _tier_validation_manual_config = False

    sales_company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    sales_amount_company = fields.Monetary(
        string="Total in Company Currency",
        compute="_compute_sales_amount_company",
        currency_field="sales_company_currency_id",
    )
    sales_price_outside_authority = fields.Boolean(
        string="Price Outside Authority",
        compute="_compute_sales_price_outside_authority",
        help="A price on this order is outside what the salesperson may decide alone.",
    )
    sales_quotation_approval_required = fields.Boolean(
        string="Quotation Approval Required",
        compute="_compute_sales_quotation_approval_required",
    )
    sales_non_standard_contract = fields.Boolean(
        string="Non-Standard Contract",
        tracking=True,
        help="The contract departs from the company's standard template: legal reviews it.",
    )
    sales_legal_review_required = fields.Boolean(
        string="Legal Review Required",
        compute="_compute_sales_legal_review_required",
        help="Legal reviews this contract, by the company's legal review setting.",
    )
    sales_non_regular_product = fields.Boolean(
        string="Non-Regular-Product Contract",
        compute="_compute_sales_non_regular_product",
    )
    sales_special_payment_terms = fields.Boolean(
        string="Special Payment Terms",
        compute="_compute_sales_special_payment_terms",
        help="The customer has credit terms but no approved credit limit, or this order's payment term "
        "differs from the customer's agreed term: finance reviews it.",
    )
    sales_gm_approval_required = fields.Boolean(
        string="General Manager Approval Required",
        compute="_compute_sales_gm_approval_required",
    )
    sales_contract_start = fields.Date(string="Contract Start", tracking=True)
    sales_contract_end = fields.Date(string="Contract End", tracking=True)
    sales_contract_term = fields.Selection(
        selection=[("long", "Long-term"), ("short", "Short-term")],
        string="Contract Term",
        compute="_compute_sales_contract_class",
        store=True,
        help="Long-term when six months or more lie between the contract's start and end.",
    )
    sales_product_class = fields.Selection(
        selection=[("regular", "Regular product"), ("non_regular", "Non-regular product")],
        string="Product Class",
        compute="_compute_sales_contract_class",
        store=True,
    )
    sales_amendment_ids = fields.One2many("sales.contract.amendment", "order_id", string="Contract Changes")
    sales_amendment_count = fields.Integer(compute="_compute_sales_amendment_count")
    sales_order_source = fields.Selection(
        selection=[
            ("web", "Customer: web"),
            ("phone", "Customer: phone"),
            ("email", "Customer: email"),
            ("fax", "Customer: fax"),
            ("salesperson", "Salesperson on behalf of the customer"),
            ("channel", "Channel partner"),
            ("platform", "Online platform"),
        ],
        string="Order Source",
        tracking=True,
    )
    sales_check_customer_data = fields.Boolean(string="Customer Data Complete", compute="_compute_sales_intake")
    sales_check_availability = fields.Boolean(
        string="Product Available or Lead Time Confirmed", tracking=True, copy=False
    )
    sales_check_delivery_date = fields.Boolean(string="Delivery Date Feasible", tracking=True, copy=False)
    sales_intake_complete = fields.Boolean(string="Intake Checklist Complete", compute="_compute_sales_intake")
    sales_event_ids = fields.One2many("sales.order.event", "order_id", string="Tracking Timeline")
    sales_lead_time_rule_id = fields.Many2one(
        "sales.lead.time.rule", string="Lead-Time Band", compute="_compute_sales_lead_time"
    )
    sales_proposed_commitment_date = fields.Datetime(
        string="Proposed Delivery Date",
        compute="_compute_sales_lead_time",
        help="From the lead-time table and the company's working calendar, when stock does not cover the order.",
    )
    sales_deposit_required = fields.Monetary(
        string="Deposit Required", compute="_compute_sales_deposit_required", currency_field="currency_id"
    )
    sales_deposit_received = fields.Monetary(
        string="Deposit Received",
        currency_field="currency_id",
        tracking=True,
        copy=False,
        help="Recorded by finance when the customer's deposit is received outside the online payment.",
    )
    sales_rejection_reason = fields.Text(
        string="Rejection Reason",
        compute="_compute_sales_rejection_reason",
    )
    sales_confidential_readable = fields.Boolean(
        string="Readable under Confidentiality",
        compute="_compute_sales_confidential_access",
        search="_search_sales_confidential_readable",
        help="The current user may read this order at the confidentiality level of its register entry.",
    )
    sales_confidential_writable = fields.Boolean(
        string="Editable under Confidentiality",
        compute="_compute_sales_confidential_access",
        search="_search_sales_confidential_writable",
        help="The current user may change this order at the confidentiality level of its register entry "
        "(an access request only lets read it).",
    )

    @api.depends("amount_total", "currency_id", "company_id", "date_order")
    def _compute_sales_amount_company(self):
        for order in self:
            order.sales_amount_company = order.currency_id._convert(
                order.amount_total,
                order.company_id.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )

    def _compute_sales_price_outside_authority(self):
        """DC-3 hook: ``sales_price_committee`` compares prices with the price authority table."""
        self.sales_price_outside_authority = False

    @api.depends("sales_amount_company", "sales_price_outside_authority", "company_id")
    def _compute_sales_quotation_approval_required(self):
        """DC-3: which quotations need the supervisor's and the sales manager's approval."""
        for order in self:
            company = order.company_id
            policy = company.sales_quotation_approval
            order.sales_quotation_approval_required = (
                policy == "all"
                or (policy == "amount" and order.sales_amount_company > company.sales_quotation_approval_amount)
                or (policy == "price" and order.sales_price_outside_authority)
            )

    @api.depends("sales_non_standard_contract", "sales_amount_company", "company_id")
    def _compute_sales_legal_review_required(self):
        """DC-4: legal reviews non-standard contracts and, by the company's setting, every contract
        or those above an amount."""
        for order in self:
            company = order.company_id
            policy = company.sales_legal_review
            order.sales_legal_review_required = (
                order.sales_non_standard_contract
                or policy == "always"
                or (policy == "amount" and order.sales_amount_company > company.sales_legal_review_amount)
            )

    @api.depends("sales_product_class")
    def _compute_sales_non_regular_product(self):
        for order in self:
            order.sales_non_regular_product = order.sales_product_class == "non_regular"

    @api.depends("sales_contract_start", "sales_contract_end", "order_line.product_id.sales_non_regular")
    def _compute_sales_contract_class(self):
        """DC-5: long/short-term by duration, regular/non-regular by the products sold."""
        for order in self:
            start, end = order.sales_contract_start, order.sales_contract_end
            order.sales_contract_term = (
                start and end and ("long" if end >= start + relativedelta(months=6) else "short")
            )
            order.sales_product_class = (
                "non_regular" if any(order.order_line.product_id.mapped("sales_non_regular")) else "regular"
            )

    @api.depends("partner_id", "sales_check_availability", "sales_check_delivery_date")
    def _compute_sales_intake(self):
        """DC-7: the intake checklist (customer data, availability or lead time, delivery date)."""
        for order in self:
            complete_data = order.partner_id.commercial_partner_id.sales_profile_completeness >= 100
            order.sales_check_customer_data = complete_data
            order.sales_intake_complete = (
                complete_data and order.sales_check_availability and order.sales_check_delivery_date
            )

    @api.depends("order_line.product_uom_qty", "company_id")
    def _compute_sales_lead_time(self):
        """DC-7: the lead-time band of the order's quantity proposes a delivery date when stock is short."""
        rules = self.env["sales.lead.time.rule"]
        now = fields.Datetime.now()
        for order in self:
            quantity = sum(order.order_line.filtered(lambda line: not line.display_type).mapped("product_uom_qty"))
            rule = rules._rule_for(quantity, order.company_id) if quantity else rules
            calendar = order.company_id.resource_calendar_id
            order.sales_lead_time_rule_id = rule
            order.sales_proposed_commitment_date = (
                calendar.plan_days(rule.days_max, now, compute_leaves=True)
                if rule and calendar and order._sales_stock_short()
                else False
            )

    def _sales_stock_short(self):
        """Whether stock does not cover the order; without inventory management it is unknown, so yes."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: line.product_id.type == "consu")
        if "free_qty" not in self.env["product.product"]._fields:
            return True
        return any(line.product_uom_qty > line.product_id.free_qty for line in lines)

    @api.depends("amount_total", "order_line.product_id", "company_id")
    def _compute_sales_deposit_required(self):
        """DC-7: non-regular orders need a deposit before confirmation; custom-made ones the full amount."""
        for order in self:
            products = order.order_line.product_id
            if any(products.mapped("sales_custom_made")):
                share = 100.0
            elif any(products.mapped("sales_non_regular")):
                share = order.company_id.sales_deposit_percent
            else:
                share = 0.0
            order.sales_deposit_required = order.currency_id.round(order.amount_total * share / 100.0)

    def action_sales_use_proposed_date(self):
        for order in self.filtered(lambda o: o.state in ("draft", "sent") and o.sales_proposed_commitment_date):
            order.commitment_date = order.sales_proposed_commitment_date

    def _sales_record_event(self, event, note=None, date=None):
        """DC-7: append an event to the tracking timeline; other modules record shipping and receipts."""
        # The timeline is written by the system for whoever triggered the event.
        self.env["sales.order.event"].sudo().create(
            [
                {"order_id": order.id, "event": event, "note": note, "date": date or fields.Datetime.now()}
                for order in self
            ]
        )

    @api.model
    def _sales_applying_amendment(self):
        """DC-6: whether an approved contract change is writing the confirmed contract. The context carries
        the change itself (a recordset, which no RPC client can send), not a flag anyone could set."""
        applying = self.env.context.get("sales_amendment_apply")
        return isinstance(applying, models.BaseModel) and applying._name == "sales.contract.amendment"

    def _sales_check_before_confirmation(self):
        """DC-7: the deposit rule and, when the company requires it, the intake checklist."""
        for order in self:
            received = order.amount_paid + order.sales_deposit_received
            if order.currency_id.compare_amounts(received, order.sales_deposit_required) < 0:
                raise UserError(
                    self.env._(
                        "Order %(name)s contains non-regular or custom-made products and needs a deposit of "
                        "%(required)s before confirmation; %(received)s has been received. Ask the customer for "
                        "the deposit and finance to record it.",
                        name=order.name,
                        required=order.sales_deposit_required,
                        received=received,
                    )
                )
            if order.company_id.sales_intake_checklist_required and not order.sales_intake_complete:
                raise UserError(
                    self.env._(
                        "Order %(name)s: the intake checklist is not complete (customer data, availability or "
                        "lead time, delivery date). Complete it on the order before confirming.",
                        name=order.name,
                    )
                )

    def action_confirm(self):
        if not (self.env.su and self.env.context.get("install_filename")):
            self._sales_check_approved_for_confirmation()
            self._sales_check_before_confirmation()
        return super().action_confirm()

    def _sales_pending_step_names(self, stages):
        """The approval steps still to grant, in the order they are decided: the open reviews, then
        the tiers that apply but have not been requested yet (a higher tier sequence decides first)."""
        self.ensure_one()
        open_reviews = self.review_ids.filtered(lambda r: r.status in OPEN_REVIEW_STATUSES).sorted("sequence")
        missing = self.with_context(sales_approval_stages=stages)._sales_unreviewed_tiers(stages)
        return open_reviews.mapped("name") + missing.sorted("sequence", reverse=True).mapped("name")

    def _sales_check_approved_for_confirmation(self):
        """DC-3/DC-4 (X-4): confirming an order whose approvals are not granted names the order and
        the step it waits for, on every path that calls ``action_confirm`` (button, code, server action).
        A user who reviews every missing step approves them by confirming (tier validation's rule)."""
        stages = (QUOTATION, CONTRACT)
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            if not order._sales_approval_blocking(stages) or order._sales_user_approves_all(stages):
                continue
            steps = order._sales_pending_step_names(stages)
            # A ValidationError like tier validation's own refusal, with the order and the step named.
            if order.validation_status == "rejected":
                raise ValidationError(
                    self.env._(
                        "Order %(name)s cannot be confirmed: approval step “%(step)s” was rejected. Click "
                        "“Restart Validation”, correct the order and request the approval again.",
                        name=order.name,
                        step=steps[0] if steps else "",
                    )
                )
            raise ValidationError(
                self.env._(
                    "Order %(name)s cannot be confirmed before it is approved: approval step “%(step)s” is still "
                    "to be granted. Click “Request Validation” and wait for the approvers to decide.",
                    name=order.name,
                    step=steps[0] if steps else "",
                )
            )

    def _action_confirm(self):
        res = super()._action_confirm()
        self._sales_record_event("confirmed")
        return res

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers=tiers)
        if self.validation_status == "validated":
            self._sales_record_event("reviewed")
        return res

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        for order in orders:
            source = order.sales_order_source
            order._sales_record_event(
                "received",
                note=source and dict(self._fields["sales_order_source"]._description_selection(self.env))[source],
            )
        return orders

    @api.depends("sales_amendment_ids")
    def _compute_sales_amendment_count(self):
        for order in self:
            order.sales_amendment_count = len(order.sales_amendment_ids)

    @api.constrains("sales_contract_start", "sales_contract_end")
    def _check_sales_contract_dates(self):
        for order in self:
            if (
                order.sales_contract_start
                and order.sales_contract_end
                and (order.sales_contract_end < order.sales_contract_start)
            ):
                raise UserError(
                    self.env._(
                        "Order %(name)s: the contract cannot end before it starts. Correct the contract dates.",
                        name=order.name,
                    )
                )

    def action_view_sales_amendments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_doc_control.sales_contract_amendment_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    @api.depends("partner_id", "payment_term_id", "company_id")
    def _compute_sales_special_payment_terms(self):
        """DC-4: finance reviews credit given without an approved limit or off the agreed term."""
        for order in self:
            term = order.payment_term_id
            if term.sales_is_cash:
                order.sales_special_payment_terms = False
                continue
            customer = order.partner_id.commercial_partner_id.with_company(order.company_id)
            agreed = customer.property_payment_term_id
            # Routing only: salespeople may not read the credit limit, but it decides who reviews.
            limit = customer.sudo().credit_limit
            credit_without_limit = bool(agreed) and not agreed.sales_is_cash and not limit
            order.sales_special_payment_terms = credit_without_limit or term != agreed

    @api.depends("sales_amount_company", "sales_non_regular_product", "sales_price_outside_authority")
    def _compute_sales_gm_approval_required(self):
        """DC-4: the general manager decides large, non-regular-product and out-of-authority contracts."""
        for order in self:
            order.sales_gm_approval_required = (
                order.sales_amount_company > order.company_id.sales_gm_approval_amount
                or order.sales_non_regular_product
                or order._sales_price_beyond_department_authority()
            )

    def _sales_price_beyond_department_authority(self):
        """DC-4 hook: a price beyond what the sales department may grant (the GM's level).

        Without a price authority table any price outside authority counts; ``sales_price_committee``
        narrows it to the prices that need the general manager.
        """
        self.ensure_one()
        return self.sales_price_outside_authority

    @api.depends("review_ids.status", "review_ids.comment")
    def _compute_sales_rejection_reason(self):
        for order in self:
            last = order.review_ids.filtered(lambda r: r.status == "rejected").sorted("reviewed_date")[-1:]
            if not last:
                order.sales_rejection_reason = False
            else:
                order.sales_rejection_reason = last.comment or self.env._(
                    "Rejected by %(user)s without a comment.", user=last.done_by.name
                )

    # Confidentiality (DC-9) ---------------------------------------------------

    @api.depends_context("uid")
    def _compute_sales_confidential_access(self):
        # Asked about orders the user may not read: the record rules' own searches answer.
        ids = [record_id for record_id in self._origin.ids if record_id]
        orders = self.sudo()
        readable = orders.search([("id", "in", ids), ("sales_confidential_readable", "=", True)]).ids
        writable = orders.search([("id", "in", ids), ("sales_confidential_writable", "=", True)]).ids
        for order in self:
            order.sales_confidential_readable = not order._origin.id or order._origin.id in readable
            order.sales_confidential_writable = not order._origin.id or order._origin.id in writable

    @api.model
    def _search_sales_confidential_readable(self, operator, value):
        """DC-9: the orders the current user may read at the confidentiality of their register row.

        Used by a global record rule (ANDed with every group rule, so "All Documents" no longer
        opens another salesperson's confidential contract): the orders of the policy (see
        ``_search_sales_confidential_writable``); ``sales_archive_lending`` adds, for reading only,
        the orders opened by an approved access request.
        """
        return self._sales_confidential_domain(operator, value)

    @api.model
    def _search_sales_confidential_writable(self, operator, value):
        """DC-9: the orders the current user may handle (read, change, delete) by the policy.

        Public and internal orders as before; a confidential one by its salesperson, the reviewers of
        its approvals or of its contract changes and the groups of ``CONFIDENTIAL_READER_GROUPS``; a
        secret one by the general manager and the managers named on its register row. One subquery on
        the register, evaluated in the rule's query.
        """
        return self._sales_confidential_domain(operator, value)

    @api.model
    def _sales_confidential_domain(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        hidden = self._sales_confidential_hidden_query()
        if hidden is None:
            return expression.TRUE_DOMAIN if positive else expression.FALSE_DOMAIN
        return [("id", "not in" if positive else "in", hidden)]

    @api.model
    def _sales_confidential_hidden_query(self):
        """DC-9: subquery of the orders whose confidentiality hides them from the current user, or
        None when nothing is hidden: for the general manager, and for portal customers, who are the
        other party of their own contracts and see only those (the portal's own record rule)."""
        user = self.env.user
        if user.share or user.has_group("sales_doc_control.group_sales_general_manager"):
            return None
        # The rule is evaluated for the user over rows and reviews he may not read himself.
        documents = self.env["sales.document"].sudo()
        secret = [("confidentiality", "=", "secret"), ("secret_user_ids", "not in", [user.id])]
        if any(user.has_group(group) for group in CONFIDENTIAL_READER_GROUPS):
            hidden = secret
        else:
            confidential = [
                ("confidentiality", "=", "confidential"),
                ("user_id", "!=", user.id),
                ("res_id", "not in", self._sales_own_or_reviewed_query(user)),
            ]
            hidden = expression.OR([secret, confidential])
        query = documents._search(expression.AND([[("res_model", "=", self._name)], hidden]))
        return query.subselect(SQL.identifier(documents._table, "res_id"))

    @api.model
    def _sales_own_or_reviewed_query(self, user):
        """DC-9: the orders the user sells, or reviews (a decision taken, or a step waiting for him),
        directly or through one of their contract changes."""
        involved = ["|", ("done_by", "=", user.id), "&", ("status", "in", OPEN), ("reviewer_ids", "in", user.id)]
        # Searched for the rule, whatever the user may read of the reviews themselves.
        return self.sudo()._search(
            [
                "|",
                "|",
                ("user_id", "=", user.id),
                ("review_ids", "any", involved),
                ("sales_amendment_ids", "any", [("review_ids", "any", involved)]),
            ]
        )

    def _sales_document_type_code(self):
        """DC-8: a quotation until confirmed, then a contract (with a contract period) or an order."""
        if self.state in ("draft", "sent", "cancel"):
            return "quotation"
        return "contract" if self.sales_contract_start else "order"

    def _sales_document_values(self):
        values = super()._sales_document_values()
        # The quotation's or order's own date.
        values["date"] = fields.Date.context_today(self, self.date_order)
        return values

    def _sales_register_documents(self):
        """DC-8: a customer's file is registered with its first quotation."""
        res = super()._sales_register_documents()
        customers = self.partner_id.commercial_partner_id
        customers.with_context(sales_register_customer=True)._sales_register_documents()
        return res

    # Stages -----------------------------------------------------------------

    def _sales_default_stages(self):
        """Stages a manual "Request Validation" covers: the quotation tiers while a draft still
        misses them, otherwise everything up to the contract."""
        self.ensure_one()
        if self.state == "draft" and self._sales_unreviewed_tiers((QUOTATION,)):
            return (QUOTATION,)
        return (QUOTATION, CONTRACT)

    def _sales_stages(self):
        return self.env.context.get("sales_approval_stages") or self._sales_default_stages()

    def _sales_unreviewed_tiers(self, stages):
        """Tier definitions of these stages that apply to the order and have no review on it yet."""
        self.ensure_one()
        definitions = self.env["tier.definition"].search(
            [
                ("model", "=", self._name),
                ("company_id", "in", [False, *self._get_company().ids]),
                ("sales_approval_stage", "in", [*stages, False]),
            ]
        )
        reviewed = self.review_ids.definition_id
        return definitions.filtered(
            lambda tier: tier not in reviewed
            and self._sales_tier_fields_loaded(tier)
            and super(SaleOrder, self).evaluate_tier(tier)
        )

    def _sales_tier_fields_loaded(self, tier):
        """Whether the fields a tier's domain uses exist: while modules load (and their
        at-install tests run), tiers of modules loaded later refer to fields not there yet."""
        domain = literal_eval(tier.definition_domain or "[]")
        names = {leaf[0].split(".", 1)[0] for leaf in domain if isinstance(leaf, list | tuple)}
        return names <= set(self._fields)

    def evaluate_tier(self, tier):
        if tier in self.review_ids.definition_id or not self._sales_tier_fields_loaded(tier):
            return self.browse()
        if tier.sales_approval_stage and tier.sales_approval_stage not in self._sales_stages():
            return self.browse()
        return super().evaluate_tier(tier)

    # Overridden so that the cached value follows the stage being requested.
    need_validation = fields.Boolean(compute="_compute_need_validation")

    @api.depends("state", "review_ids.status")
    @api.depends_context("sales_approval_stages")
    def _compute_need_validation(self):
        for order in self:
            if not isinstance(order.id, int):
                order.need_validation = False
                continue
            order.need_validation = bool(
                order._check_state_from_condition() and order._sales_unreviewed_tiers(order._sales_stages())
            )

    def request_validation(self):
        # Whether a tier applies depends on amounts and flags edited since the last computation.
        self.invalidate_recordset(["need_validation"])
        return super().request_validation()

    def _prepare_tier_review_vals(self, definition, sequence):
        # A second batch (contract reviews) is numbered after the first one.
        offset = max(self.review_ids.mapped("sequence") or [0])
        return super()._prepare_tier_review_vals(definition, sequence + offset)

    def _tier_validation_check_state_on_write(self, vals):
        if self.env.su and self.env.context.get("install_filename"):
            # Records of data files loaded by the installer (a module's demo orders) are not a
            # business path. The context alone is not trusted: clients can send any context key.
            return None
        target = vals.get(self._state_field)
        orders = self
        if target in self._state_to:
            stages = (QUOTATION,) if target == "sent" else (QUOTATION, CONTRACT)
            orders = self.with_context(sales_approval_stages=stages)
            orders.invalidate_recordset(["need_validation"])
        return super(SaleOrder, orders)._tier_validation_check_state_on_write(vals)

    def write(self, vals):
        """DC-6: the delivery date of a confirmed contract changes only through a contract change.

        DC-7: only finance records a deposit received; a customer's signature is a timeline event.
        """
        if (
            "sales_deposit_received" in vals
            and not self.env.su
            and not self.env.user.has_group("sales_doc_control.group_sales_finance_reviewer")
        ):
            raise AccessError(
                self.env._("Only a finance reviewer records the deposit received. Ask finance to record it.")
            )
        if "sales_non_standard_contract" in vals and not vals["sales_non_standard_contract"]:
            self._sales_check_may_clear_non_standard()
        if vals.get("signed_on"):
            self._sales_record_event("signed", note=vals.get("signed_by"))
        if "commitment_date" in vals and not self._sales_applying_amendment():
            new_date = fields.Datetime.to_datetime(vals["commitment_date"])
            locked = self.filtered(lambda o: o.state == "sale" and o.commitment_date != new_date)
            if locked:
                raise UserError(
                    self.env._(
                        "Order %(name)s is a confirmed contract: its delivery date changes only through a contract "
                        "change. Use the “Contract Changes” button to record one and have it approved.",
                        name=locked[0].name,
                    )
                )
        return super().write(vals)

    def _sales_check_may_clear_non_standard(self):
        """DC-4: the salesperson marks a contract non-standard; only a sales manager clears the mark,
        so that a contract does not escape the legal review it needs."""
        if self.env.su or self.env.user.has_group("sales_doc_control.group_sales_manager"):
            return
        marked = self.filtered("sales_non_standard_contract")
        if marked:
            raise AccessError(
                self.env._(
                    "Order %(name)s is marked as a non-standard contract: only a sales manager may clear the mark, "
                    "once legal has confirmed the contract follows the standard template. Ask the sales manager.",
                    name=marked[0].name,
                )
            )

    def _get_under_validation_exceptions(self):
        # The customer signs an approved quotation on the portal.
        return super()._get_under_validation_exceptions() + ["signed_by", "signed_on", "signature"]

    # Paths that bypass the write guard's message or reach the customer ------

    def _sales_approval_blocking(self, stages):
        """Whether approvals of these stages are missing or not granted yet."""
        self.ensure_one()
        ordered = self.with_context(sales_approval_stages=stages)
        return bool(ordered._sales_unreviewed_tiers(stages)) or self.validation_status in OPEN_REVIEW_STATUSES

    def _sales_user_approves_all(self, stages):
        """Whether the current user reviews every missing tier of these stages: then the state
        change approves them on the spot (tier validation's own rule for reviewers)."""
        self.ensure_one()
        if self.validation_status in OPEN_REVIEW_STATUSES:
            return False
        user = self.env.user
        if user in self._sales_excluded_reviewers():
            return False
        missing = self.with_context(sales_approval_stages=stages)._sales_unreviewed_tiers(stages)
        return all(user in (tier.reviewer_id | tier.reviewer_group_id.users) for tier in missing)

    def _sales_excluded_reviewers(self):
        """DC-3/DC-4: nobody approves his own quotation or contract (a sales manager selling himself
        goes to another approver); the general manager, who has nobody above him, excepted."""
        self.ensure_one()
        salesperson = self.user_id
        if not salesperson or salesperson.has_group("sales_doc_control.group_sales_general_manager"):
            return self.env["res.users"]
        return salesperson

    def _sales_check_quotation_approved(self):
        """DC-3: a draft quotation reaches the customer only once approved."""
        for order in self.filtered(lambda o: o.state == "draft"):
            if order._sales_approval_blocking((QUOTATION,)) and not order._sales_user_approves_all((QUOTATION,)):
                raise UserError(
                    self.env._(
                        "Quotation %(name)s has not been approved and cannot be sent to the customer. "
                        "Click “Request Validation” and wait for the supervisor and the sales manager "
                        "to approve it.",
                        name=order.name,
                    )
                )

    def action_quotation_send(self):
        self._sales_check_quotation_approved()
        return super().action_quotation_send()

    def action_quotation_sent(self):
        orders = self
        if self.env.context.get("sales_payment_post_process"):
            # A pending online payment marks its quotations sent: one whose approval was restarted since the
            # payment started stays a draft (nothing reaches the customer before approval; the salesperson is
            # told of the payment). The flag can only leave orders out, never let one through.
            orders = self.filtered(lambda o: o.state != "draft" or not o._sales_approval_blocking((QUOTATION,)))
        orders._sales_check_quotation_approved()
        return super(SaleOrder, orders).action_quotation_sent()

    def _has_to_be_signed(self):
        """The portal offers signature and payment only once every approval is granted."""
        return super()._has_to_be_signed() and not self._sales_approval_blocking((QUOTATION, CONTRACT))

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self._sales_payment_awaits_approval()

    def _sales_payment_awaits_approval(self):
        """DC-3/DC-4: a quotation is paid online only once every approval up to the contract review is
        granted, since the payment confirms the order (payment transactions refuse it before)."""
        self.ensure_one()
        return self.state in ("draft", "sent") and self._sales_approval_blocking((QUOTATION, CONTRACT))

    def _is_confirmation_amount_reached(self):
        """DC-3/DC-4: an online payment confirms an order only once its approvals are granted.

        A payment is refused before approval, but one started while the quotation was approved may
        complete after the approval was restarted or after a change made a new step apply. The payment
        flow confirms a paid quotation as superuser when the amount is reached; such a quotation stays
        a quotation (the payment is kept) and the salesperson is told.
        """
        if self._sales_payment_awaits_approval():
            return False
        return super()._is_confirmation_amount_reached()

    def _send_payment_succeeded_for_order_mail(self):
        res = super()._send_payment_succeeded_for_order_mail()
        for order in self.filtered(lambda o: o._sales_payment_awaits_approval()):
            steps = order._sales_pending_step_names((QUOTATION, CONTRACT))
            order.message_post(
                body=self.env._(
                    "The customer paid order %(name)s online, but it is not approved: it stays a quotation until "
                    "approval step “%(step)s” and the following ones are granted. Request the validation, then "
                    "confirm the order.",
                    name=order.name,
                    step=steps[0] if steps else "",
                ),
                partner_ids=order.user_id.partner_id.ids,
                # The system tells the salesperson, not the customer who paid.
                author_id=self.env.ref("base.partner_root").id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return res

    def _rejected_tier(self, tiers=False):
        """DC-3: a rejected quotation or contract goes back to draft with the reason on it."""
        res = super()._rejected_tier(tiers=tiers)
        if self.state == "sent":
            self.with_context(skip_validation_check=True).write({"state": "draft"})
        return res
