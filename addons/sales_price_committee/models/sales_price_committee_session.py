# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

COMMITTEE_GROUP = "sales_doc_control.group_sales_price_committee"
# Set by holding or cancelling the session and by the reminder job only.
WORKFLOW_FIELDS = ("state", "reminder_sent")


class SalesPriceCommitteeSession(models.Model):
    """PC-6: a session of the price committee (价格委员会), quarterly or ad hoc."""

    _name = "sales.price.committee.session"
    _description = "Price Committee Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    date = fields.Datetime(required=True, tracking=True)
    kind = fields.Selection(
        selection=[("quarterly", "Quarterly Review"), ("ad_hoc", "Ad Hoc")],
        string="Type",
        required=True,
        default="ad_hoc",
        tracking=True,
    )
    state = fields.Selection(
        string="Status",
        selection=[("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    member_ids = fields.Many2many(
        "res.users",
        "sales_price_committee_session_member_rel",
        string="Members",
        default=lambda self: self._default_members(),
    )
    attendee_ids = fields.Many2many(
        "res.users", "sales_price_committee_session_attendee_rel", string="Present", tracking=True
    )
    agenda_item_ids = fields.One2many("sales.price.committee.agenda.item", "session_id", string="Agenda")
    minutes = fields.Html()
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    @api.model
    def _default_members(self):
        return self.env.ref(COMMITTEE_GROUP).users.filtered(lambda user: self.env.company in user.company_ids)

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.price.committee.session") or "/"
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if not self.env.su and set(vals) & {"date", "attendee_ids", "minutes", "member_ids", "company_id"}:
            held = self.filtered(lambda session: session.state == "held")
            if held:
                raise UserError(
                    self.env._(
                        "Committee session %(ref)s has been held; its record is kept unchanged.", ref=held[0].name
                    )
                )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_unlink_not_held()
        return super().unlink()

    def _check_unlink_not_held(self):
        if self.filtered(lambda session: session.state == "held"):
            raise UserError(self.env._("A committee session that was held is kept in the records."))

    def _check_member(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(
                self.env._(
                    "Only a member of the price committee may do this on session %(ref)s.",
                    ref=", ".join(self.mapped("name")),
                )
            )

    def action_fill_agenda(self):
        """PC-6: a member fills the agenda now (the daily job does it for the next session too)."""
        self._check_member()
        self._fill_agenda()
        return True

    def _fill_agenda(self):
        """PC-6: add what awaits the committee: pending adjustments, new products past the
        volume threshold and draft authority tables; a quarterly session also reviews the
        active authority table when no draft revision is on its agenda.

        Idempotent: a record already on an agenda (and not deferred there) is skipped.
        """
        for session in self:
            company = session.company_id
            domain = [("company_id", "=", company.id)]
            adjustments = self.env["sales.price.adjustment"].search(domain + [("state", "=", "draft")])
            session._add_to_agenda(adjustments.filtered(lambda adjustment: adjustment.validation_status != "rejected"))
            session._add_to_agenda(
                self.env["sales.new.product.pricing"].search(
                    domain + [("state", "=", "approved"), ("committee_due", "=", True)]
                )
            )
            session._add_to_agenda(self.env["sales.price.authority"].search(domain + [("state", "=", "draft")]))
            if session.kind == "quarterly" and not session.agenda_item_ids.filtered(lambda item: item.authority_id):
                active = self.env["sales.price.authority"]._get_active(company)
                if active:
                    # sudo: the agenda belongs to the session, filled by the job or by any member.
                    session.sudo().write(
                        {
                            "agenda_item_ids": [
                                Command.create(
                                    {
                                        "name": self.env._(
                                            "Quarterly revision of %(table)s", table=active.display_name
                                        ),
                                        "kind": "authority",
                                        "authority_id": active.id,
                                    }
                                )
                            ]
                        }
                    )

    def _add_to_agenda(self, records):
        """PC-6: one agenda item per record not yet on an open or held agenda (idempotent).

        A record deferred by a held session goes on the next agenda again.
        """
        self.ensure_one()
        fields_by_model = {
            "sales.price.adjustment": ("adjustment_id", "adjustment"),
            "sales.new.product.pricing": ("pricing_id", "new_product"),
            "sales.price.authority": ("authority_id", "authority"),
        }
        field_name, kind = fields_by_model[records._name]
        # sudo: the agenda items of every session count, whoever fills this agenda.
        already = (
            self.env["sales.price.committee.agenda.item"]
            .sudo()
            .search(
                [
                    (field_name, "in", records.ids),
                    ("session_id.state", "!=", "cancelled"),
                    "|",
                    ("session_id", "=", self.id),
                    "!",
                    "&",
                    ("session_id.state", "=", "held"),
                    ("decision", "=", "deferred"),
                ]
            )
            .mapped(field_name)
        )
        new = records - already
        # sudo: the agenda belongs to the session, filled by the jobs or by any member.
        self.sudo().write(
            {
                "agenda_item_ids": [
                    Command.create({"name": record.display_name, "kind": kind, field_name: record.id}) for record in new
                ]
            }
        )
        return new

    def action_hold(self):
        """PC-6: close the session with its attendance, minutes and a decision on every item."""
        self._check_member()
        for session in self:
            if session.state != "planned":
                raise UserError(self.env._("Committee session %(ref)s is not planned.", ref=session.name))
            if not session.attendee_ids:
                raise UserError(
                    self.env._("Committee session %(ref)s: record who was present first.", ref=session.name)
                )
            if session.agenda_item_ids.filtered(lambda item: item.decision == "pending"):
                raise UserError(
                    self.env._(
                        "Committee session %(ref)s: every agenda item needs a decision (approved, rejected or "
                        "deferred) before the session is closed.",
                        ref=session.name,
                    )
                )
        # sudo: the status is set by the workflow only, once the checks above passed.
        self.sudo().write({"state": "held"})
        self._sign_adjustment_reviews()
        self._propose_new_product_entries()

    def _propose_new_product_entries(self):
        """PC-4/PC-6: a new product the session approved enters the base price table through a
        base price adjustment at its provisional price, which then follows the usual chain."""
        items = self.agenda_item_ids.filtered(
            lambda item: item.pricing_id and item.decision == "approved" and not item.adjustment_id
        )
        for item in items:
            pricing = item.pricing_id
            # sudo: the committee decides; the proposal is the sales department's document.
            item.adjustment_id = (
                self.env["sales.price.adjustment"]
                .sudo()
                .create(
                    {
                        "department": "sales",
                        "reason_category": "new_product",
                        "company_id": pricing.company_id.id,
                        "supporting_data": item.decision_note,
                        "line_ids": [
                            Command.create(
                                {
                                    "product_id": pricing.product_id.id,
                                    "uom_id": pricing.uom_id.id,
                                    "new_price": pricing.provisional_price,
                                    "reason": self.env._(
                                        "New product %(ref)s approved by price committee session %(session)s",
                                        ref=pricing.name,
                                        session=item.session_id.name,
                                    ),
                                }
                            )
                        ],
                    }
                )
            )

    def _sign_adjustment_reviews(self):
        """PC-5/PC-6: the session's decision on a base price adjustment is the committee's review of it.

        The member closing the session signs the committee review with the decision
        note, when that review is the adjustment's next one; otherwise the decision
        stays on the agenda item and the members review the adjustment themselves.
        """
        committee = self.env.ref(COMMITTEE_GROUP)
        for item in self.agenda_item_ids.filtered(
            lambda item: item.adjustment_id and item.decision in ("approved", "rejected")
        ):
            adjustment = item.adjustment_id
            sequences = adjustment._get_sequences_to_approve(self.env.user)
            reviews = adjustment.review_ids.filtered(
                lambda review, sequences=sequences: review.sequence in sequences
                and review.status == "pending"
                and review.definition_id.reviewer_group_id == committee
            )
            if not reviews:
                continue
            reviews.write(
                {
                    "comment": self.env._(
                        "Price committee session %(ref)s: %(note)s",
                        ref=item.session_id.name,
                        note=item.decision_note
                        or dict(item._fields["decision"]._description_selection(self.env))[item.decision],
                    )
                }
            )
            if item.decision == "approved":
                adjustment._validate_tier(reviews)
            else:
                adjustment._rejected_tier(reviews)

    def action_cancel(self):
        self._check_member()
        if self.filtered(lambda session: session.state == "held"):
            raise UserError(self.env._("A committee session that was held cannot be cancelled."))
        # sudo: the status is set by the workflow only, after the member check above.
        self.sudo().write({"state": "cancelled"})

    @api.model
    def _get_next_session(self, company):
        """PC-6: the company's next planned session, planned now when there is none."""
        session = self.search([("company_id", "=", company.id), ("state", "=", "planned")], order="date asc", limit=1)
        if session:
            return session
        last = self.search([("company_id", "=", company.id), ("state", "=", "held")], order="date desc", limit=1)
        start = last.date or datetime.combine(fields.Date.context_today(self), time(9))
        date = max(start + relativedelta(months=company.sales_committee_interval_months), fields.Datetime.now())
        return self.with_company(company).create(
            {"date": date, "kind": "quarterly", "company_id": company.id, "member_ids": self._members_of(company)}
        )

    @api.model
    def _members_of(self, company):
        return [Command.set(self.env.ref(COMMITTEE_GROUP).users.filtered(lambda user: company in user.company_ids).ids)]

    @api.model
    def _cron_plan_and_remind(self, now=None):
        """PC-6: keep one quarterly session planned per company, fill its agenda and remind its members.

        Idempotent: a planned session is reused, nothing goes twice on an agenda and each
        session reminds only once.
        """
        now = now or fields.Datetime.now()
        # Only companies that manage base prices have a committee to convene.
        planned = self.browse()
        for company in self.env["sales.price.table"].search([("state", "=", "active")]).company_id:
            planned |= self._get_next_session(company)
        planned._fill_agenda()
        to_remind = self.search([("state", "=", "planned"), ("reminder_sent", "=", False)]).filtered(
            lambda session: session.date - timedelta(days=session.company_id.sales_committee_reminder_days) <= now
        )
        for session in to_remind:
            for member in session.member_ids:
                session.activity_schedule(
                    "mail.mail_activity_data_meeting",
                    date_deadline=session.date.date(),
                    user_id=member.id,
                    summary=self.env._("Price committee session %(ref)s", ref=session.name),
                )
        to_remind.write({"reminder_sent": True})
        return to_remind
