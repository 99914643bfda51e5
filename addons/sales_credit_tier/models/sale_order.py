# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount

from .sales_credit_decision import CREDIT_GRADES, CREDIT_RULES

GM_GROUP = "sales_doc_control.group_sales_general_manager"
MANAGER_GROUP = "sales_doc_control.group_sales_manager"
GM_RULES = ("over_limit", "new_large")
MANAGER_RULES = ("overdue", "new_small")
REFUSED_RULES = ("refused_d", "refused_c")


class SaleOrder(models.Model):
    """CT-4: the credit check of an order, enforced on every path that confirms or grows it."""

    _inherit = "sale.order"

    credit_currency_id = fields.Many2one(related="company_id.currency_id", string="Credit Currency")
    credit_grade = fields.Selection(
        CREDIT_GRADES,
        string="Customer Credit Grade",
        compute="_compute_credit_check",
    )
    credit_order_amount = fields.Monetary(
        string="Order Amount (Company Currency)",
        compute="_compute_credit_check",
        currency_field="credit_currency_id",
    )
    credit_projected_exposure = fields.Monetary(
        string="Exposure with this Order",
        compute="_compute_credit_check",
        currency_field="credit_currency_id",
    )
    credit_overdue_amount = fields.Monetary(
        string="Customer Overdue Amount",
        compute="_compute_credit_check",
        currency_field="credit_currency_id",
    )
    credit_rule = fields.Selection(
        CREDIT_RULES,
        compute="_compute_credit_check",
        help="The credit policy rule that applies if this order is confirmed now.",
    )
    credit_needs_gm = fields.Boolean(
        string="Credit Needs General Manager",
        compute="_compute_credit_check",
    )
    credit_needs_manager = fields.Boolean(
        string="Credit Needs Sales Manager",
        compute="_compute_credit_check",
    )
    credit_warning = fields.Text(compute="_compute_credit_check")
    credit_overdue_reason = fields.Text(
        string="Overdue Reason",
        copy=False,
        tracking=True,
        help="Why the order should go ahead although the customer has overdue payments (mandatory then).",
    )
    credit_approved_amount = fields.Monetary(
        string="Credit-Approved Amount",
        copy=False,
        readonly=True,
        currency_field="credit_currency_id",
        help="Order amount (company currency) covered by the last credit decision.",
    )
    credit_decision_ids = fields.One2many("sales.credit.decision", "order_id", string="Credit Decisions")

    @api.depends("partner_id", "amount_total", "currency_rate", "payment_term_id", "company_id", "state")
    def _compute_credit_check(self):
        """CT-4: which credit rule applies to each order (one batch of exposure queries per company)."""
        for company, orders in self.grouped("company_id").items():
            customers = orders.partner_id.commercial_partner_id
            exposure = (
                customers.with_company(company)
                .with_context(credit_exclude_order_ids=orders.ids)
                ._credit_exposure_map(company)
                if company
                else {}
            )
            for order in orders:
                customer = order.partner_id.commercial_partner_id.with_company(company)
                values = exposure.get(customer.id)
                if not values:
                    order._credit_set_check(False, 0.0, 0.0, 0.0, "ok")
                    continue
                amount = order.amount_total / (order.currency_rate or 1.0)
                projected = values["total"] + amount
                rule = order._credit_rule(customer, projected, values)
                order._credit_set_check(customer.credit_grade, amount, projected, values["overdue_amount"], rule)

    def _credit_set_check(self, grade, amount, projected, overdue, rule):
        self.credit_grade = grade
        self.credit_order_amount = amount
        self.credit_projected_exposure = projected
        self.credit_overdue_amount = overdue
        self.credit_rule = rule
        self.credit_needs_gm = rule in GM_RULES
        self.credit_needs_manager = rule in MANAGER_RULES
        self.credit_warning = self._credit_message(rule) if rule not in ("ok", "unlimited", "cash") else False

    def _credit_rule(self, customer, projected, exposure):
        """CT-2/CT-4: the policy of the customer's grade applied to this order."""
        self.ensure_one()
        company = self.company_id
        grade = customer.credit_grade
        overdue = float_compare(exposure["overdue_amount"], 0.0, precision_rounding=company.currency_id.rounding) > 0
        if grade == "d" and company.credit_d_blocked:
            return "refused_d"
        if grade == "c" and company.credit_c_cash_only and not self._credit_is_cash_term():
            return "refused_c"
        if not grade:
            return "new_large" if projected > company.credit_new_customer_amount else "new_small"
        if grade == "b" and company.credit_b_requires_limit and projected > customer._credit_limit_value():
            return "over_limit"
        if overdue:
            return "overdue"
        return {"a": "unlimited", "c": "cash"}.get(grade, "ok")

    def _credit_is_cash_term(self):
        """CT-2: cash in advance or cash on delivery, i.e. an immediate payment term."""
        term = self.payment_term_id
        if not term:
            return False
        if "sales_is_cash" in term._fields:
            return term.sales_is_cash
        return all(line.nb_days == 0 for line in term.line_ids)

    def _credit_message(self, rule):
        self.ensure_one()
        currency = self.company_id.currency_id
        customer = self.partner_id.commercial_partner_id.with_company(self.company_id)
        params = {
            "order": self.name,
            "customer": customer.display_name,
            "exposure": format_amount(self.env, self.credit_projected_exposure, currency),
            "limit": format_amount(self.env, customer._credit_limit_value(), currency),
            "overdue": format_amount(self.env, self.credit_overdue_amount, currency),
            "threshold": format_amount(self.env, self.company_id.credit_new_customer_amount, currency),
        }
        messages = {
            "refused_d": self.env._(
                "Order %(order)s: customer %(customer)s is grade D. No order can be confirmed until the "
                "outstanding balance is cleared: collect the payments first.",
                **params,
            ),
            "refused_c": self.env._(
                "Order %(order)s: customer %(customer)s is grade C and buys only for cash. "
                "Choose an immediate (cash in advance or cash on delivery) payment term.",
                **params,
            ),
            "over_limit": self.env._(
                "Order %(order)s: the exposure of %(customer)s with this order (%(exposure)s) exceeds its "
                "credit limit (%(limit)s). The general manager must approve it.",
                **params,
            ),
            "overdue": self.env._(
                "Order %(order)s: customer %(customer)s has overdue payments (%(overdue)s). Enter the "
                "overdue reason; the sales manager must approve the order.",
                **params,
            ),
            "new_small": self.env._(
                "Order %(order)s: %(customer)s is a new customer without a credit grade; its exposure with "
                "this order (%(exposure)s) is within %(threshold)s. The sales manager must approve it.",
                **params,
            ),
            "new_large": self.env._(
                "Order %(order)s: %(customer)s is a new customer without a credit grade; its exposure with "
                "this order (%(exposure)s) exceeds %(threshold)s. The general manager must approve it.",
                **params,
            ),
        }
        return messages.get(rule)

    # Enforcement ----------------------------------------------------------------

    def _credit_lock_customers(self):
        """X-6: serialise the credit checks of the orders' customers until the transaction ends."""
        self.partner_id.commercial_partner_id._credit_lock()

    def _credit_check(self, event):
        """CT-4: lock the customers, apply the policy and keep a snapshot of each decision."""
        self._credit_lock_customers()
        self.invalidate_recordset(
            ["credit_grade", "credit_order_amount", "credit_projected_exposure", "credit_overdue_amount", "credit_rule"]
        )
        decisions = []
        for order in self:
            approver = order._credit_enforce()
            decisions.append(order._credit_decision_values(event, approver))
        # Written as superuser: the snapshot is a side effect of the check, users never edit it.
        self.env["sales.credit.decision"].sudo().create(decisions)
        for order in self:
            # The approved amount is bookkeeping of the check, not a user edit of the order.
            order.sudo().with_context(
                credit_skip_increase_check=True
            ).credit_approved_amount = order.credit_order_amount

    def _credit_enforce(self):
        """CT-4: refuse or require the approval the rule asks for; return who approved."""
        self.ensure_one()
        rule = self.credit_rule
        if rule in REFUSED_RULES:
            raise UserError(self._credit_message(rule))
        if rule not in GM_RULES + MANAGER_RULES:
            return self.env["res.users"]
        approver = self._credit_approved_review(rule).done_by
        group = GM_GROUP if rule in GM_RULES else MANAGER_GROUP
        if not approver and self.env.user.has_group(group):
            approver = self.env.user
        if not approver:
            raise UserError(
                self._credit_message(rule) + "\n" + self.env._("Request validation and wait for the approval.")
            )
        if self.credit_overdue_amount > 0 and not (self.credit_overdue_reason or "").strip():
            raise UserError(
                self.env._(
                    "Order %(order)s: customer %(customer)s has overdue payments. Enter the overdue "
                    "reason on the order before it is approved and confirmed.",
                    order=self.name,
                    customer=self.partner_id.commercial_partner_id.display_name,
                )
            )
        return approver

    def _credit_approved_review(self, rule):
        """An approved credit tier review of the level the rule needs (tier validation on orders)."""
        if "review_ids" not in self._fields:
            return self.env["tier.review"]
        levels = ("gm",) if rule in GM_RULES else ("gm", "manager")
        return self.review_ids.filtered(
            lambda r: r.status == "approved" and r.definition_id.sales_credit_approval in levels
        )[-1:]

    def _credit_decision_values(self, event, approver):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id.with_company(self.company_id)
        exposure = customer.with_context(credit_exclude_order_ids=self.ids)._get_credit_exposure()
        return {
            "order_id": self.id,
            "order_ref": self.name,
            "partner_id": customer.id,
            "company_id": self.company_id.id,
            "event": event,
            "user_id": self.env.uid,
            "approver_id": approver.id,
            "rule": self.credit_rule,
            "reason": self.credit_overdue_reason,
            "credit_grade": customer.credit_grade,
            "credit_limit": customer._credit_limit_value(),
            "receivable": exposure["receivable"],
            "shipped_not_invoiced": exposure["shipped_not_invoiced"],
            "instructed_not_shipped": exposure["instructed_not_shipped"],
            "exposure": exposure["total"],
            "order_amount": self.credit_order_amount,
            "projected_exposure": self.credit_projected_exposure,
            "overdue_amount": exposure["overdue_amount"],
            "overdue_days": exposure["overdue_days"],
        }

    def _credit_check_increase(self):
        """CT-4: a confirmed order that grows beyond the tolerance is checked again."""
        grown = self.filtered(
            lambda o: o.state == "sale"
            and float_compare(
                o.credit_order_amount,
                o.credit_approved_amount * (1 + o.company_id.credit_increase_tolerance / 100.0),
                precision_rounding=o.company_id.currency_id.rounding,
            )
            > 0
        )
        if grown:
            grown._credit_check("increase")

    def action_confirm(self):
        to_confirm = self.filtered(lambda o: o.state in ("draft", "sent"))
        # Locked before anything else of the confirmation writes the customer (followers, portal
        # access), so that a concurrent confirmation fails at once instead of waiting.
        to_confirm._credit_lock_customers()
        # Refusals first, so that a grade D customer hears "collect first" before any approval request.
        for order in to_confirm:
            if order.credit_rule in REFUSED_RULES:
                raise UserError(order._credit_message(order.credit_rule))
        return super().action_confirm()

    def _action_confirm(self):
        self._credit_check("confirm")
        res = super()._action_confirm()
        self._credit_priority_supply()
        return res

    def _credit_priority_supply(self):
        """CT-9: deliveries of A and B customers get the high priority, so they are reserved first."""
        priority_orders = self.filtered(
            lambda o: o.company_id.credit_priority_supply
            and o.partner_id.commercial_partner_id.credit_grade in ("a", "b")
        )
        pickings = priority_orders.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel") and p.priority == "0"
        )
        # Superuser: the priority follows the customer's grade, whoever confirms the order.
        pickings.sudo().write({"priority": "1"})
