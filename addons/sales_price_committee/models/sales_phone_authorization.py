# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

from .sales_price_authority_line import AUTHORITY_LEVELS, LEVEL_RANK, level_of_rank, user_authority_rank

GM_GROUP = "sales_doc_control.group_sales_general_manager"
# Set by the approver's confirmation and by the PC-9 job only.
# The approver's level and the deadline are computed from the record and never typed in.
WORKFLOW_FIELDS = ("state", "confirmed_at", "violation_id", "approver_level", "deadline")


class SalesPhoneAuthorization(models.Model):
    """PC-8: a price authorised by a superior by phone during a negotiation (电话授权)."""

    _name = "sales.phone.authorization"
    _description = "Phone Price Authorisation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "authorized_at desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    order_id = fields.Many2one("sale.order", string="Quotation", required=True, index=True, tracking=True)
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    currency_id = fields.Many2one(related="order_id.currency_id")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    salesperson_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    approver_id = fields.Many2one(
        "res.users",
        string="Authorised By",
        required=True,
        tracking=True,
        help="The superior who gave the price by phone.",
    )
    approver_level = fields.Selection(
        selection=AUTHORITY_LEVELS, string="Approver's Level", compute="_compute_approver_level", store=True
    )
    authorized_at = fields.Datetime(string="Call Time", required=True, default=fields.Datetime.now, tracking=True)
    product_id = fields.Many2one(
        "product.product",
        tracking=True,
        help="The authorisation covers the quotation's lines of this product sold at or above the authorised price.",
    )
    price = fields.Monetary(string="Authorised Price", currency_field="currency_id", required=True, tracking=True)
    note = fields.Text(string="Conditions")
    deadline = fields.Datetime(
        string="Confirm By",
        compute="_compute_deadline",
        store=True,
        help="The approver must confirm the authorisation in the system by then (working days of the company).",
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("pending", "Awaiting Confirmation"),
            ("confirmed", "Confirmed"),
            ("expired", "Never Confirmed"),
        ],
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    confirmed_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    violation_id = fields.Many2one("sales.violation", readonly=True, copy=False)

    @api.depends("approver_id")
    def _compute_approver_level(self):
        for auth in self:
            auth.approver_level = level_of_rank(user_authority_rank(auth.approver_id))

    @api.depends("authorized_at", "order_id.company_id.sales_phone_auth_days")
    def _compute_deadline(self):
        """PC-8: the post-hoc approval is due within the company's working days after the call."""
        for auth in self:
            company = auth.order_id.company_id
            if auth.authorized_at and company.resource_calendar_id:
                auth.deadline = company._sales_add_working_days(auth.authorized_at, company.sales_phone_auth_days)
            else:
                auth.deadline = False

    @api.model
    def _overdue_domain(self, now=None):
        return [("state", "=", "pending"), ("deadline", "<", now or fields.Datetime.now())]

    def _compute_is_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain())
        for auth in self:
            auth.is_overdue = auth in overdue

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = self._overdue_domain()
        return domain if (operator == "=") == value else ["!", "&", *domain]

    # order_id is always given: the check also runs when the product is left out.
    @api.constrains("product_id", "order_id")
    def _check_product(self):
        """PC-8: a price is authorised for a product; without it the authorisation would cover any line."""
        for auth in self:
            if not auth.product_id:
                raise ValidationError(
                    self.env._(
                        "Phone authorisation for %(order)s: record the product whose price was authorised.",
                        order=auth.order_id.display_name,
                    )
                )

    def _covers_line(self, line):
        """PC-8: this authorisation covers ``line`` when it sells its product at or above the
        authorised price (net of discount, per unit of the product, in the order's currency)."""
        self.ensure_one()
        if line.product_id != self.product_id:
            return False
        net = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
        net = line.product_uom._compute_price(net, line.product_id.uom_id)
        return self.currency_id.compare_amounts(net, self.price) >= 0

    @api.constrains("approver_id", "salesperson_id", "order_id")
    def _check_approver(self):
        for auth in self:
            needed = auth.order_id.sales_price_authority_level
            if LEVEL_RANK.get(auth.approver_level, 0) <= user_authority_rank(auth.salesperson_id) or (
                needed and LEVEL_RANK.get(auth.approver_level, 0) < LEVEL_RANK[needed]
            ):
                raise ValidationError(
                    self.env._(
                        "Phone authorisation for %(order)s: %(approver)s has no authority above the salesperson's "
                        "for these prices. Record the superior who may decide them.",
                        order=auth.order_id.display_name,
                        approver=auth.approver_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.phone.authorization") or "/"
        auths = super().create(vals_list)
        for auth in auths:
            auth.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=auth.deadline and auth.deadline.date(),
                user_id=auth.approver_id.id,
                summary=self.env._("Confirm the price you authorised by phone for %(order)s", order=auth.order_id.name),
            )
        return auths

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if not self.env.su and set(vals) & {"order_id", "approver_id", "price", "authorized_at", "product_id"}:
            done = self.filtered(lambda auth: auth.state != "pending")
            if done:
                raise UserError(
                    self.env._(
                        "Phone authorisation %(ref)s has been %(state)s and is kept unchanged.",
                        ref=done[0].name,
                        state=dict(self._fields["state"]._description_selection(self.env))[done[0].state],
                    )
                )
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_unlink_still_open()
        return super().unlink()

    def _check_unlink_still_open(self):
        for auth in self:
            if auth.state != "pending" or auth.order_id.state == "sale":
                raise UserError(
                    self.env._(
                        "Phone authorisation %(ref)s is part of the deal's record and cannot be deleted.",
                        ref=auth.name,
                    )
                )

    def action_confirm(self):
        """PC-8: the approver (or the general manager) confirms the phone authorisation afterwards."""
        for auth in self:
            if self.env.user != auth.approver_id and not self.env.user.has_group(GM_GROUP):
                raise AccessError(
                    self.env._(
                        "Only %(approver)s, who gave the price by phone, may confirm %(ref)s. Ask them to confirm it.",
                        approver=auth.approver_id.name,
                        ref=auth.name,
                    )
                )
            if auth.state != "pending":
                raise UserError(
                    self.env._("Phone authorisation %(ref)s is no longer awaiting confirmation.", ref=auth.name)
                )
        # sudo: the approver confirms a record of the salesperson's quotation that they may not edit.
        self.sudo().write({"state": "confirmed", "confirmed_at": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    @api.model
    def _cron_report_unconfirmed(self, now=None):
        """PC-8/PC-9: an authorisation never confirmed by its deadline on a closed deal is a violation.

        Idempotent: each authorisation is reported once (it leaves the pending state).
        """
        overdue = self.search(self._overdue_domain(now) + [("order_id.state", "=", "sale")])
        for auth in overdue:
            violation = self.env["sales.violation"]._report_violation(
                auth.salesperson_id,
                "quotation_outside_authority",
                document=auth.order_id,
                description=self.env._(
                    "The price authorised by phone by %(approver)s on %(order)s (%(ref)s) was never "
                    "confirmed, and the deal was closed.",
                    approver=auth.approver_id.name,
                    order=auth.order_id.name,
                    ref=auth.name,
                ),
            )
            auth.write({"state": "expired", "violation_id": violation.id})
        return overdue
