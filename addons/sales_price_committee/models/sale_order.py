# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_doc_control.workflow import check_workflow_write

from .sales_price_authority_line import AUTHORITY_LEVELS, LEVEL_RANK, level_of_rank, user_authority_rank


class SaleOrder(models.Model):
    _inherit = "sale.order"

    sales_price_authority_level = fields.Selection(
        selection=AUTHORITY_LEVELS,
        string="Price Authority Needed",
        compute="_compute_sales_price_authority_level",
        help="The highest authority level needed by the order's lines.",
    )
    sales_price_approval_level = fields.Selection(
        selection=AUTHORITY_LEVELS,
        string="Price Approval Needed",
        compute="_compute_sales_price_authority_level",
        help="The level that must approve the prices because they are beyond the salesperson's "
        "own authority and not yet approved (by a review or a phone authorisation).",
    )
    sales_phone_authorization_ids = fields.One2many(
        "sales.phone.authorization", "order_id", string="Phone Authorisations"
    )
    # No field default: existing orders must not all get the install time as inquiry date.
    # PC-7: tracked, and kept once the quotation is sent, since its deadline counts from it.
    sales_inquiry_date = fields.Datetime(
        string="Inquiry Received",
        copy=False,
        tracking=True,
        help="When the customer asked for a quotation (set when the quotation is created).",
    )
    sales_new_customer = fields.Boolean(
        string="New Customer",
        compute="_compute_sales_new_customer",
        store=True,
        readonly=False,
        tracking=True,
        help="The customer has no confirmed order yet; the quotation is due within the company's deadline.",
    )
    sales_quotation_deadline = fields.Datetime(
        string="Quotation Due",
        compute="_compute_sales_quotation_deadline",
        store=True,
        tracking=True,
        help="A new customer's inquiry must be quoted by then (working days of the company calendar).",
    )
    sales_quotation_overdue = fields.Boolean(
        string="Quotation Overdue",
        compute="_compute_sales_quotation_overdue",
        search="_search_sales_quotation_overdue",
    )
    sales_survey_scale = fields.Char(string="Customer Scale")
    sales_survey_credibility = fields.Char(string="Credibility")
    sales_survey_suppliers = fields.Text(string="Current Suppliers")
    sales_survey_volume = fields.Char(string="Expected Volume")
    sales_survey_payment = fields.Char(string="Payment Time")
    sales_survey_delivery = fields.Char(string="Delivery Time")
    sales_survey_freight = fields.Char(string="Freight")
    sales_survey_is_trader = fields.Boolean(string="Trader")
    sales_survey_destination = fields.Char(
        string="Final Destination", help="For traders: where the product is finally sold."
    )
    sales_customer_order_count = fields.Integer(string="Confirmed Orders", compute="_compute_sales_customer_history")
    sales_customer_amount = fields.Monetary(
        string="Ordered Amount",
        compute="_compute_sales_customer_history",
        currency_field="sales_company_currency_id",
    )
    sales_customer_since = fields.Date(string="Customer Since", compute="_compute_sales_customer_history")
    sales_customer_credit_limit = fields.Monetary(
        string="Customer Credit Limit",
        compute="_compute_sales_customer_history",
        currency_field="sales_company_currency_id",
        groups="sales_doc_control.group_sales_supervisor,sales_doc_control.group_sales_finance_reviewer",
        help="The credit limit granted to the customer, shown to those who review the quotation.",
    )

    @api.depends(
        "order_line.sales_price_authority_level",
        "order_line.price_unit",
        "order_line.discount",
        "order_line.product_uom",
        "user_id",
        "sales_phone_authorization_ids.state",
        "sales_phone_authorization_ids.product_id",
        "sales_phone_authorization_ids.price",
    )
    def _compute_sales_price_authority_level(self):
        """PC-3: the order needs the highest level among its lines; what is beyond the
        salesperson's own authority and not yet covered by an approval must be approved."""
        uncovered = self._sales_price_uncovered_rank()
        for order in self:
            needed = max(
                (LEVEL_RANK.get(level, 0) for level in order.order_line.mapped("sales_price_authority_level")),
                default=0,
            )
            order.sales_price_authority_level = level_of_rank(needed)
            order.sales_price_approval_level = level_of_rank(uncovered[order]) if uncovered[order] else False

    @api.depends("sales_price_approval_level")
    def _compute_sales_price_outside_authority(self):
        """PC-3: the quotation approval of sales_doc_control applies when a price is outside authority."""
        for order in self:
            order.sales_price_outside_authority = bool(order.sales_price_approval_level)

    def _sales_price_beyond_department_authority(self):
        """DC-4: the contract goes to the general manager only for prices that need the GM's authority."""
        self.ensure_one()
        return self.sales_price_authority_level == "gm"

    def _sales_price_uncovered_rank(self, own_rank=0):
        """PC-3/PC-8: per order, the highest level its lines need that no approval covers (0: none).

        The salesperson's own level (or ``own_rank``, the confirming user's) and approved
        price reviews of the order cover every line up to their level. A phone
        authorisation, pending or confirmed, covers up to its approver's level only the
        lines of its product sold at or above the authorised price. One query for the
        reviews of all orders.
        """
        # sudo: a salesperson may not read the reviews of the order, yet its price status depends on them.
        reviews = (
            self.env["tier.review"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("status", "=", "approved"),
                    ("definition_id.sales_price_authority_level", "!=", False),
                ]
            )
        )
        uncovered = {}
        for order in self:
            general = max(
                [user_authority_rank(order.user_id), own_rank]
                + [
                    LEVEL_RANK[review.definition_id.sales_price_authority_level]
                    for review in reviews
                    if review.res_id == order.id
                ]
            )
            auths = order.sales_phone_authorization_ids.filtered(
                lambda auth: auth.state in ("pending", "confirmed") and auth.approver_level
            )
            uncovered[order] = max(
                (
                    rank
                    for line in order.order_line
                    if (rank := LEVEL_RANK.get(line.sales_price_authority_level, 0)) > general
                    and not any(LEVEL_RANK[auth.approver_level] >= rank and auth._covers_line(line) for auth in auths)
                ),
                default=0,
            )
        return uncovered

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault("sales_inquiry_date", now)
        return super().create(vals_list)

    def write(self, vals):
        # PC-7: the deadline is computed from the calendar, never typed in.
        check_workflow_write(self, vals, ("sales_quotation_deadline",))
        if "sales_inquiry_date" in vals and not self.env.su:
            sent = self.filtered(lambda order: order.state != "draft")
            if sent:
                raise UserError(
                    self.env._(
                        "Quotation %(order)s has been sent: its inquiry date is kept, because the quotation "
                        "deadline is counted from it. Note a correction in the chatter instead.",
                        order=sent[0].name,
                    )
                )
        return super().write(vals)

    def action_confirm(self):
        res = super().action_confirm()
        self._sales_report_price_violations()
        return res

    def _sales_report_price_violations(self):
        """PC-9: a deal closed with a price outside authority and no approval is a violation.

        The confirming user's own level counts as approval (tier validation makes a
        reviewer who confirms approve at once). Phone authorisations still waiting for
        confirmation are judged when their deadline passes.
        """
        confirmed = self.filtered(lambda order: order.state == "sale" and order.sales_price_authority_level)
        if not confirmed:
            return
        uncovered = confirmed._sales_price_uncovered_rank(own_rank=user_authority_rank(self.env.user))
        # sudo: record rules may hide others' violations from the one confirming; none may be reported twice.
        reported = {
            violation.document_ref.id
            for violation in self.env["sales.violation"]
            .sudo()
            .search(
                [
                    ("rule_id.code", "=", "quotation_outside_authority"),
                    ("document_ref", "in", [f"{self._name},{order.id}" for order in confirmed]),
                ]
            )
        }
        levels = dict(self._fields["sales_price_authority_level"]._description_selection(self.env))
        for order in confirmed:
            if not uncovered[order] or order.id in reported:
                continue
            self.env["sales.violation"]._report_violation(
                order.user_id or self.env.user,
                "quotation_outside_authority",
                document=order,
                description=self.env._(
                    "Order %(order)s was confirmed with prices that need the approval of the %(level)s, "
                    "without that approval.",
                    order=order.name,
                    level=levels[order.sales_price_authority_level],
                ),
            )

    @api.depends("partner_id")
    def _compute_sales_new_customer(self):
        """PC-7: a customer without any confirmed order is new."""
        partners = self.partner_id.commercial_partner_id
        # sudo: a customer is new only if no one (not only this salesperson) has a confirmed order of it;
        # only the count is read.
        counts = dict(
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("partner_id", "child_of", partners.ids), ("state", "=", "sale")],
                ["partner_id"],
                ["__count"],
            )
        )
        with_orders = {partner.commercial_partner_id for partner in counts}
        for order in self:
            order.sales_new_customer = (
                bool(order.partner_id) and order.partner_id.commercial_partner_id not in with_orders
            )

    @api.depends("sales_inquiry_date", "sales_new_customer", "company_id.sales_quotation_deadline_days")
    def _compute_sales_quotation_deadline(self):
        """PC-7: the inquiry date plus the company's working days on its calendar."""
        for order in self:
            if order.sales_new_customer and order.sales_inquiry_date and order.company_id.resource_calendar_id:
                order.sales_quotation_deadline = order.company_id._sales_add_working_days(
                    order.sales_inquiry_date, order.company_id.sales_quotation_deadline_days
                )
            else:
                order.sales_quotation_deadline = False

    @api.model
    def _cron_recompute_quotation_deadlines(self):
        """PC-7: recount the deadlines of open new-customer quotations on the current calendars.

        The stored deadline depends on the inquiry date; a public holiday entered later
        or a change of the company's calendar would not move it. Quotations already sent
        keep the deadline they were judged by. Idempotent: an unchanged deadline stays.
        """
        orders = self.search(
            [("state", "=", "draft"), ("sales_new_customer", "=", True), ("sales_inquiry_date", "!=", False)]
        )
        self.env.add_to_compute(self._fields["sales_quotation_deadline"], orders)
        orders._recompute_recordset(["sales_quotation_deadline"])
        return orders

    @api.model
    def _sales_overdue_quotation_domain(self, now=None):
        """PC-7: new-customer quotations not yet sent whose deadline has passed at ``now``."""
        return [
            ("sales_new_customer", "=", True),
            ("state", "=", "draft"),
            ("sales_quotation_deadline", "<", now or fields.Datetime.now()),
        ]

    def _compute_sales_quotation_overdue(self):
        overdue = self.filtered_domain(self._sales_overdue_quotation_domain())
        for order in self:
            order.sales_quotation_overdue = order in overdue

    def _search_sales_quotation_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = self._sales_overdue_quotation_domain()
        return domain if (operator == "=") == value else ["!", "&", "&", *domain]

    @api.depends("partner_id")
    def _compute_sales_customer_history(self):
        """PC-7: the customer's volume, tenure and credit shown on the quotation (one grouped query)."""
        partners = self.partner_id.commercial_partner_id
        history = {}
        # sudo: the history covers every salesperson's orders of the customer; only totals are read.
        for partner, currency, count, amount, first in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("partner_id", "child_of", partners.ids), ("state", "=", "sale")],
                ["partner_id", "currency_id"],
                ["__count", "amount_untaxed:sum", "date_order:min"],
            )
        ):
            commercial = partner.commercial_partner_id
            total_count, total_amount, since = history.get(commercial, (0, 0.0, first))
            history[commercial] = (
                total_count + count,
                total_amount
                + currency._convert(amount, self.env.company.currency_id, self.env.company, fields.Date.today()),
                min(since, first),
            )
        for order in self:
            count, amount, first = history.get(order.partner_id.commercial_partner_id, (0, 0.0, False))
            order.sales_customer_order_count = count
            order.sales_customer_amount = order.company_id.currency_id.round(amount) if amount else 0.0
            order.sales_customer_since = fields.Datetime.to_datetime(first).date() if first else False
            # sudo: the policy (seed 001 ch. 3 §8.1.2) quotes with the customer's credit in view;
            # the field is restricted to supervisors and finance, who review quotations.
            customer = order.partner_id.commercial_partner_id.sudo().with_company(order.company_id)
            order.sales_customer_credit_limit = customer.credit_limit
