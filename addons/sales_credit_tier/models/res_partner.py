# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tools import SQL, float_compare, format_amount

from .sales_credit_decision import CREDIT_GRADES

GM_GROUP = "sales_doc_control.group_sales_general_manager"
GRADE_RANK = {"a": 0, "b": 1, False: 1, "c": 2, "d": 3}
EXPOSURE_KEYS = (
    "receivable",
    "shipped_not_invoiced",
    "instructed_not_shipped",
    "total",
    "overdue_amount",
    "overdue_days",
)
LOGGED_FIELDS = ("credit_grade", "credit_limit", "property_payment_term_id")
# Key of the number of customer lock conflicts met by a cursor (see _credit_lock).
LOCK_CONFLICTS_KEY = "sales_credit_tier.lock_conflicts"


class ResPartner(models.Model):
    """CT-1/CT-3: the customer's grade and its credit exposure."""

    _inherit = "res.partner"

    credit_grade = fields.Selection(
        CREDIT_GRADES,
        tracking=True,
        copy=False,
        help="A: over six months of trading, contracts honoured, strong, no late payment, leading in its "
        "industry (no credit limit).\n"
        "B: new customer with payment terms, or good customer not yet A; orders are controlled by a credit "
        "limit.\n"
        "C: poor operation, five consecutive months without a transaction or late payments; limit 0, "
        "cash in advance or cash on delivery only.\n"
        "D: very poor, over six months without a transaction or payments more than six months late; "
        "no new orders until the outstanding balance is cleared.\n"
        "Empty: new customer not graded yet, credit limit 0.",
    )
    credit_last_review_date = fields.Date(string="Last Credit Review", copy=False, tracking=True)
    credit_approved_by_id = fields.Many2one(
        "res.users",
        copy=False,
        tracking=True,
        help="Who approved the current grade and credit limit.",
    )
    credit_check_date = fields.Datetime(
        string="Last Credit Check",
        copy=False,
        readonly=True,
        help="When an order of this customer was last checked against its credit.",
    )
    credit_change_ids = fields.One2many("sales.credit.change", "partner_id", string="Credit History")
    # Labelled apart from OCA account_financial_risk's "Credit Currency", which may be installed too.
    credit_currency_id = fields.Many2one("res.currency", string="Exposure Currency", compute="_compute_credit_exposure")
    credit_receivable = fields.Monetary(
        string="Open Receivables",
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
        help="Posted customer invoices less credit notes and unreconciled payments.",
    )
    credit_shipped_not_invoiced = fields.Monetary(
        string="Shipped Not Invoiced",
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
    )
    credit_instructed_not_shipped = fields.Monetary(
        string="Instructed Not Shipped",
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
        help="Goods whose dispatch was instructed but not shipped yet.",
    )
    credit_exposure = fields.Monetary(
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
        help="Receivables + shipped not invoiced + instructed not shipped (欠款额度).",
    )
    credit_available = fields.Monetary(
        string="Available Credit",
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
    )
    credit_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_credit_exposure",
        currency_field="credit_currency_id",
    )
    credit_overdue_days = fields.Integer(
        string="Overdue Days",
        compute="_compute_credit_exposure",
        help="Days since the oldest unpaid due date.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["credit_grade", "credit_last_review_date", "credit_approved_by_id"]

    # Exposure (CT-3) ----------------------------------------------------------

    @api.depends_context("company")
    def _compute_credit_exposure(self):
        company = self.env.company
        commercial = self.commercial_partner_id
        exposure = commercial._credit_exposure_map(company)
        for partner in self:
            values = exposure[partner.commercial_partner_id.id]
            partner.credit_currency_id = company.currency_id
            partner.credit_receivable = values["receivable"]
            partner.credit_shipped_not_invoiced = values["shipped_not_invoiced"]
            partner.credit_instructed_not_shipped = values["instructed_not_shipped"]
            partner.credit_exposure = values["total"]
            partner.credit_available = partner._credit_limit_value() - values["total"]
            partner.credit_overdue_amount = values["overdue_amount"]
            partner.credit_overdue_days = values["overdue_days"]

    def _credit_limit_value(self):
        """The credit limit, readable by the sales roles.

        Odoo restricts ``credit_limit`` to accounting groups; salespeople still need its effect
        (available credit, the order check), so it is read as superuser.
        """
        self.ensure_one()
        return self.sudo().credit_limit

    def _get_credit_exposure(self):
        """CT-3: the exposure of this customer in the current company (company currency).

        Returns a dict with receivable, shipped_not_invoiced, instructed_not_shipped, total,
        overdue_amount and overdue_days.
        """
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial._credit_exposure_map(self.env.company)[commercial.id]

    def _credit_exposure_map(self, company):
        """CT-3: exposure of many commercial partners at once, a fixed number of aggregate queries."""
        result = {partner_id: dict.fromkeys(EXPOSURE_KEYS, 0.0) for partner_id in self.ids}
        if not self.ids:
            return result
        for partner_id, (receivable, overdue, oldest) in self._credit_receivables(company).items():
            values = result[partner_id]
            values["receivable"] = receivable
            values["overdue_amount"] = overdue
            values["overdue_days"] = (fields.Date.context_today(self) - oldest).days if oldest else 0
        for key, amounts in (
            ("shipped_not_invoiced", self._credit_shipped_not_invoiced(company)),
            ("instructed_not_shipped", self._credit_instructed_not_shipped(company)),
        ):
            for partner_id, amount in amounts.items():
                result[partner_id][key] = amount
        for values in result.values():
            values["total"] = company.currency_id.round(
                values["receivable"] + values["shipped_not_invoiced"] + values["instructed_not_shipped"]
            )
        return result

    def _credit_lock(self):
        """X-6/CT-4: serialise the credit checks of these customers until the transaction ends.

        Every check that adds to a customer's exposure (order confirmation, dispatch approval)
        takes this lock first. NOWAIT makes a concurrent check fail at once with a lock error,
        which Odoo retries; the touch of the row makes a check that started before another one
        committed fail with a serialisation error instead of reading stale exposure. NO KEY
        UPDATE leaves rows that reference the customer (followers, invoices) free to be written.

        Odoo's request loop (``odoo.service.model.retrying``) rolls back and replays the whole
        call on the same cursor up to ``MAX_TRIES_ON_CONCURRENCY_FAILURE`` times, then shows its
        generic concurrency error. It does not tell the try number, so the cursor counts the
        lock conflicts it met (``cr.cache`` lives as long as the cursor, i.e. one request or one
        job): the conflict that exhausts the tries, and any conflict in a scheduled job (which
        is not retried), becomes a UserError naming the customer and the rule. The earlier
        conflicts still raise the retryable error (so does code run outside both, a script or a
        test, until its cursor met as many conflicts). The lock is tried in a savepoint so that
        the transaction stays usable for the error message. A short blocking wait on the last
        try was not chosen: the cursor reads in REPEATABLE READ, so once the other check
        commits the wait ends in a serialisation error anyway.
        """
        if not self:
            return
        ids = tuple(sorted(self.ids))
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                # A conflict is expected here, not a bad query: keep it out of the error log. The lock
                # and the touch are one statement (X-7: every confirmation and validation takes it).
                cr.execute(
                    SQL(
                        """
                        UPDATE res_partner SET credit_check_date = NOW()
                         WHERE id IN (SELECT id FROM res_partner WHERE id IN %s ORDER BY id FOR NO KEY UPDATE NOWAIT)
                        """,
                        ids,
                    ),
                    log_exceptions=False,
                )
        except (errors.LockNotAvailable, errors.SerializationFailure):
            conflicts = cr.cache.get(LOCK_CONFLICTS_KEY, 0) + 1
            cr.cache[LOCK_CONFLICTS_KEY] = conflicts
            if conflicts < MAX_TRIES_ON_CONCURRENCY_FAILURE and not self.env.context.get("cron_id"):
                raise
            raise UserError(
                self.env._(
                    "Another credit check of customer %(customer)s is running right now. The credit "
                    "checks of one customer are done one at a time, so that together they cannot "
                    "exceed its credit limit. Try again in a moment.",
                    customer=", ".join(self.mapped("display_name")),
                )
            ) from None
        self.invalidate_recordset(["credit_check_date"])

    def _credit_receivables(self, company):
        """CT-3: {partner id: (open receivable, overdue amount, oldest overdue due date)}.

        One aggregate query over the receivable journal items. It reads the ledger directly
        because salespeople must see the exposure of their customers without accounting rights;
        the company filter is explicit. Items without residual add nothing, so leaving them out
        lets the query read the small open items index of ``account.move.line`` (X-7).
        """
        self.env["account.move.line"].flush_model(
            ["partner_id", "company_id", "account_id", "parent_state", "reconciled", "amount_residual", "date_maturity"]
        )
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
                SELECT aml.partner_id,
                       SUM(aml.amount_residual),
                       SUM(aml.amount_residual) FILTER (
                           WHERE aml.date_maturity < %(today)s AND aml.amount_residual > 0),
                       MIN(aml.date_maturity) FILTER (
                           WHERE aml.date_maturity < %(today)s AND aml.amount_residual > 0)
                  FROM account_move_line aml
                  JOIN account_account account ON account.id = aml.account_id
                 WHERE aml.partner_id IN %(partners)s
                   AND aml.company_id = %(company)s
                   AND account.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND NOT aml.reconciled
                   AND aml.amount_residual <> 0
                 GROUP BY aml.partner_id
                """,
                today=today,
                partners=tuple(self.ids),
                company=company.id,
            )
        )
        return {
            partner_id: (receivable or 0.0, overdue or 0.0, oldest)
            for partner_id, receivable, overdue, oldest in self.env.cr.fetchall()
        }

    def _credit_order_line_amounts(self, company, amount_sql):
        """Sum an amount over the confirmed order lines of these customers, in company currency.

        Orders listed in the context key ``credit_exclude_order_ids`` are left out: the order
        being checked is added to the exposure by the check itself.
        """
        self.env["sale.order.line"].flush_model()
        self.env["sale.order"].flush_model(["partner_id", "company_id", "currency_rate", "state"])
        exclude = tuple(self.env.context.get("credit_exclude_order_ids") or [0])
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       SUM(%(amount)s / COALESCE(NULLIF(so.currency_rate, 0), 1))
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN res_partner partner ON partner.id = so.partner_id
                 WHERE partner.commercial_partner_id IN %(partners)s
                   AND so.company_id = %(company)s
                   AND sol.state = 'sale'
                   AND sol.display_type IS NULL
                   AND NOT COALESCE(sol.is_downpayment, FALSE)
                   AND sol.product_uom_qty > 0
                   AND so.id NOT IN %(exclude)s
                 GROUP BY partner.commercial_partner_id
                """,
                amount=amount_sql,
                partners=tuple(self.ids),
                company=company.id,
                exclude=exclude,
            )
        )
        return {partner_id: amount or 0.0 for partner_id, amount in self.env.cr.fetchall()}

    def _credit_shipped_not_invoiced(self, company):
        """CT-3: goods delivered but not invoiced yet, taxes included, in company currency."""
        return self._credit_order_line_amounts(
            company,
            SQL("sol.price_total / sol.product_uom_qty * GREATEST(sol.qty_delivered - sol.qty_invoiced, 0)"),
        )

    def _credit_instructed_not_shipped(self, company):
        """CT-3 hook: goods whose dispatch was instructed and that have not left yet.

        In standard Odoo the confirmed order is the dispatch instruction (it creates the
        delivery), so this counts what confirmed orders still have to deliver and is not
        invoiced in advance. ``sales_dispatch_gate`` overrides it with its approved dispatch
        notices. Returns {commercial partner id: amount in company currency}.
        """
        return self._credit_order_line_amounts(
            company,
            SQL(
                "sol.price_total / sol.product_uom_qty "
                "* GREATEST(sol.product_uom_qty - GREATEST(sol.qty_delivered, sol.qty_invoiced), 0)"
            ),
        )

    # Trading facts (CT-5, CT-7) -------------------------------------------------

    def _credit_trading_facts(self, company):
        """CT-5/CT-7: {partner id: (first invoice date, last invoice date, sales of the last six months)}.

        One aggregate query over posted customer invoices and credit notes.
        """
        self.env["account.move"].flush_model(
            ["commercial_partner_id", "company_id", "move_type", "state", "invoice_date", "amount_total_signed"]
        )
        since = fields.Date.context_today(self) - relativedelta(months=6)
        self.env.cr.execute(
            SQL(
                """
                SELECT move.commercial_partner_id,
                       MIN(move.invoice_date),
                       MAX(move.invoice_date),
                       SUM(move.amount_total_signed) FILTER (WHERE move.invoice_date >= %(since)s)
                  FROM account_move move
                 WHERE move.commercial_partner_id IN %(partners)s
                   AND move.company_id = %(company)s
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND move.state = 'posted'
                 GROUP BY move.commercial_partner_id
                """,
                since=since,
                partners=tuple(self.ids) or (0,),
                company=company.id,
            )
        )
        return {row[0]: (row[1], row[2], row[3] or 0.0) for row in self.env.cr.fetchall()}

    # Credit history (CT-5) ------------------------------------------------------

    def _credit_logged_values(self):
        self.fetch(LOGGED_FIELDS)
        return {
            partner.id: {
                "credit_grade": partner.credit_grade,
                "credit_limit": partner.credit_limit,
                "property_payment_term_id": partner.property_payment_term_id,
            }
            for partner in self
        }

    def _credit_format_value(self, field_name, value):
        if field_name == "credit_grade":
            return dict(self._fields["credit_grade"]._description_selection(self.env)).get(value) or self.env._(
                "Ungraded"
            )
        if field_name == "credit_limit":
            return format_amount(self.env, value, self.env.company.currency_id)
        return value.display_name or ""

    def write(self, vals):
        logged = [name for name in LOGGED_FIELDS if name in vals]
        if "credit_grade" in vals and not self.env.su and not self.env.user.has_group(GM_GROUP):
            raise AccessError(
                self.env._(
                    "You may not change the credit grade of %(partner)s directly: submit a credit "
                    "application so that the sales manager and the general manager approve it.",
                    partner=", ".join(self.mapped("display_name")),
                )
            )
        customers = self.filtered(lambda p: p.commercial_partner_id == p) if logged else self.browse()
        before = customers._credit_logged_values()
        res = super().write(vals)
        if customers:
            customers._credit_log_changes(before, logged)
        return res

    def _credit_log_changes(self, before, field_names):
        """CT-5: keep who, when, from → to and why for every grade, limit and term change."""
        context = self.env.context
        after = self._credit_logged_values()
        field_keys = {"property_payment_term_id": "payment_term"}
        vals_list = []
        for partner in self:
            for name in field_names:
                old, new = before[partner.id][name], after[partner.id][name]
                if name == "credit_limit":
                    changed = float_compare(old, new, precision_rounding=self.env.company.currency_id.rounding)
                else:
                    changed = old != new
                if not changed:
                    continue
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "company_id": self.env.company.id,
                        "user_id": self.env.uid,
                        "approved_by_id": context.get("credit_approved_by_id"),
                        "field": field_keys.get(name, name),
                        "old_value": partner._credit_format_value(name, old),
                        "new_value": partner._credit_format_value(name, new),
                        "reason": context.get("credit_change_reason"),
                        "source": context.get("credit_change_source", "manual"),
                        "application_id": context.get("credit_application_id"),
                    }
                )
        # Written as superuser: the history is a side effect of a change the user may make.
        self.env["sales.credit.change"].sudo().create(vals_list)

    # Automatic reclassification (CT-7) ------------------------------------------

    @api.model
    def _cron_credit_reclassify(self):
        """CT-7: reclassify the graded customers of every company (scheduled, idempotent)."""
        for company in self.env["res.company"].search([("active", "=", True)]):
            self.with_company(company)._credit_reclassify(company)

    @api.model
    def _credit_reclassify(self, company):
        """CT-7: downgrade to C/D on inactivity or late payment, propose B → A after good months.

        Set-based: the facts of all customers come from two aggregate queries, the changes are
        written per target grade, and nothing is done twice because a customer already at the
        proposed grade, or with an open application, is skipped.
        """
        customers = self.search(
            [("credit_grade", "!=", False), ("parent_id", "=", False), ("company_id", "in", [company.id, False])]
        ).with_company(company)
        if not customers:
            return
        # Loaded at once: reading them customer by customer would prefetch over the whole set each time.
        customers.fetch(["credit_grade", "credit_last_review_date", "create_date", "user_id"])
        today = fields.Date.context_today(self)
        trading = customers._credit_trading_facts(company)
        receivables = customers._credit_receivables(company)
        downgrades, upgrades = {}, self.browse()
        for customer in customers:
            first, last, _sales = trading.get(customer.id, (False, False, 0.0))
            oldest = receivables.get(customer.id, (0.0, 0.0, False))[2]
            overdue_days = (today - oldest).days if oldest else 0
            since = last or customer.credit_last_review_date or customer.create_date.date()
            inactive = relativedelta(today, since)
            inactive_months = inactive.years * 12 + inactive.months
            proposal = customer._credit_reclassification(company, inactive_months, overdue_days)
            if proposal and GRADE_RANK[proposal[0]] > GRADE_RANK[customer.credit_grade]:
                downgrades.setdefault(proposal, self.browse())
                downgrades[proposal] |= customer
            elif customer.credit_grade == "b" and not overdue_days and first:
                good = relativedelta(today, max(first, customer.credit_last_review_date or first))
                if good.years * 12 + good.months >= company.credit_upgrade_months:
                    upgrades |= customer
        for (grade, reason), partners in downgrades.items():
            if company.credit_auto_downgrade:
                partners._credit_apply_downgrade(grade, reason)
            else:
                partners._credit_propose(grade, reason)
        upgrades._credit_propose("a", self.env._("Six months of good trading: proposed for grade A."))

    def _credit_reclassification(self, company, inactive_months, overdue_days):
        """CT-7: (grade, reason) the rules of the policy give this customer, or None."""
        if inactive_months >= company.credit_d_inactive_months:
            return "d", self.env._("No transaction for %(months)s months.", months=company.credit_d_inactive_months)
        if overdue_days > company.credit_d_overdue_days:
            return "d", self.env._("Payments overdue beyond %(days)s days.", days=company.credit_d_overdue_days)
        if inactive_months >= company.credit_c_inactive_months:
            return "c", self.env._("No transaction for %(months)s months.", months=company.credit_c_inactive_months)
        if overdue_days > 0:
            return "c", self.env._("Late payments.")
        return None

    def _credit_apply_downgrade(self, grade, reason):
        """CT-7: apply a downgrade at once, tell the chatter, the salesperson and the sales manager.

        Set-based for the scheduled job (X-7): one chatter note per customer, a to-do for each
        customer's salesperson created without an assignment mail each, and one message per person
        listing the customers downgraded (the salesperson's own, every one for the sales managers).
        """
        # Superuser: the scheduled job applies the company's policy, not a user's decision.
        self.sudo().with_context(
            credit_change_source="reclassification", credit_change_reason=reason, tracking_disable=True
        ).write({"credit_grade": grade, "credit_limit": 0.0})
        label = dict(self._fields["credit_grade"]._description_selection(self.env))[grade]
        body = self.env._("Credit grade automatically changed to %(grade)s: %(reason)s", grade=label, reason=reason)
        self.sudo()._message_log_batch(bodies=dict.fromkeys(self.ids, body))
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = [
            {
                "res_model_id": model_id,
                "res_id": partner.id,
                "user_id": partner.user_id.id,
                "activity_type_id": activity_type.id,
                "summary": self.env._("Customer downgraded to %(grade)s", grade=label),
                "note": body,
            }
            for partner in self.filtered(lambda p: p.user_id.active)
        ]
        # Superuser: to-dos are assigned to people who may not have created them themselves. The
        # summary message below tells them, instead of one assignment mail per to-do.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activities)
        managers = self.env.ref("sales_doc_control.group_sales_manager").users.filtered(
            lambda u: u.active and self.env.company in u.company_ids and not u.has_group(GM_GROUP)
        )
        for user, customers in self.grouped("user_id").items():
            if user.active and user not in managers:
                customers._credit_notify_downgrade(user.partner_id, grade, reason)
        if managers:
            self._credit_notify_downgrade(managers.partner_id, grade, reason)

    def _credit_notify_downgrade(self, recipients, grade, reason):
        """CT-7: one message to ``recipients`` (in their language) naming these downgraded customers."""
        shown = 100
        for lang, people in recipients.grouped("lang").items():
            env = self.with_context(lang=lang or self.env.lang).env
            label = dict(self._fields["credit_grade"]._description_selection(env))[grade]
            names = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % name for name in self[:shown].mapped("display_name")
            )
            more = (
                Markup("<p>%s</p>")
                % env._("… and %(count)s more: see Credit History for the whole list.", count=len(self) - shown)
                if len(self) > shown
                else ""
            )
            self.env["mail.thread"].message_notify(
                partner_ids=people.ids,
                subject=env._("%(count)s customers downgraded to %(grade)s", count=len(self), grade=label),
                body=Markup("<p>%s</p>%s%s")
                % (
                    env._("Credit grade automatically changed to %(grade)s: %(reason)s", grade=label, reason=reason),
                    names,
                    more,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _credit_propose(self, grade, reason):
        """CT-7: propose a grade change as a credit application, once per customer."""
        applications = self.env["sales.credit.application"].sudo()
        pending = applications.search(
            [("partner_id", "in", self.ids), ("state", "=", "draft"), ("company_id", "=", self.env.company.id)]
        ).partner_id
        vals_list = [
            {
                "partner_id": partner.id,
                "company_id": self.env.company.id,
                "user_id": partner.user_id.id,
                "requested_grade": grade,
                "requested_limit": partner.credit_limit if grade in ("a", "b") else 0.0,
                "justification": reason,
            }
            for partner in self - pending
        ]
        # Superuser: the job drafts the proposals; approval goes through the normal tiers.
        applications.create(vals_list)
