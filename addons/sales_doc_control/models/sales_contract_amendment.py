# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class SalesContractAmendment(models.Model):
    """DC-6: a change of a confirmed contract (合同变更记录), applied only once approved."""

    _name = "sales.contract.amendment"
    _description = "Sales Contract Amendment"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation", "sales.document.mixin"]
    _sales_document_fields = ("name", "order_id", "state")
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["applied"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    order_id = fields.Many2one(
        "sale.order",
        string="Contract",
        required=True,
        index=True,
        domain="[('state', '=', 'sale')]",
        tracking=True,
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    amendment_type = fields.Selection(
        selection=[
            ("quantity", "Quantity"),
            ("price", "Price"),
            ("delivery_date", "Delivery date"),
            ("specification", "Specification"),
            ("other", "Several of these"),
        ],
        string="Type",
        required=True,
        tracking=True,
    )
    reason = fields.Text(required=True, tracking=True)
    line_ids = fields.One2many("sales.contract.amendment.line", "amendment_id", string="Changed Lines", copy=True)
    old_commitment_date = fields.Datetime(string="Old Delivery Date", readonly=True)
    new_commitment_date = fields.Datetime(string="New Delivery Date", tracking=True)
    old_total = fields.Monetary(readonly=True, currency_field="currency_id")
    new_total = fields.Monetary(compute="_compute_new_total", currency_field="currency_id")
    new_total_company = fields.Monetary(
        string="New Total in Company Currency",
        compute="_compute_new_total",
        currency_field="company_currency_id",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    gm_approval_required = fields.Boolean(
        string="General Manager Approval Required",
        compute="_compute_new_total",
        help="The new total exceeds the general manager's contract amount.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("applied", "Applied"), ("cancel", "Cancelled")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    applied_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    applied_date = fields.Datetime(readonly=True, copy=False)

    sales_confidential_readable = fields.Boolean(
        string="Readable under Confidentiality",
        compute="_compute_sales_confidential_readable",
        search="_search_sales_confidential_readable",
        help="The current user may read this contract change at the confidentiality of its contract.",
    )

    @api.depends_context("uid")
    def _compute_sales_confidential_readable(self):
        # Asked about changes the user may not read: the record rule's own search answers.
        ids = [record_id for record_id in self._origin.ids if record_id]
        readable = self.sudo().search([("id", "in", ids), ("sales_confidential_readable", "=", True)]).ids
        for amendment in self:
            amendment.sales_confidential_readable = not amendment._origin.id or amendment._origin.id in readable

    @api.model
    def _search_sales_confidential_readable(self, operator, value):
        """DC-9: a contract change is read by whoever reads its contract (the global read rule asks
        this; sales_archive_lending adds the changes opened by an approved access request)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        return [("order_id.sales_confidential_readable", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.contract.amendment") or "/"
        amendments = super().create(vals_list)
        for amendment in amendments:
            order = amendment.order_id
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Order %(name)s is not a confirmed contract: change the quotation itself instead of "
                        "recording a contract change.",
                        name=order.name,
                    )
                )
            amendment.write({"old_commitment_date": order.commitment_date, "old_total": order.amount_total})
        return amendments

    def _sales_document_type_code(self):
        return "contract_change"

    def _sales_document_values(self):
        values = super()._sales_document_values()
        values["user_id"] = self.order_id.user_id.id
        return values

    @api.depends("line_ids.new_total_included", "line_ids.old_total_included", "old_total", "order_id")
    def _compute_new_total(self):
        for amendment in self:
            delta = sum(amendment.line_ids.mapped("new_total_included")) - sum(
                amendment.line_ids.mapped("old_total_included")
            )
            amendment.new_total = (amendment.old_total or amendment.order_id.amount_total) + delta
            company = amendment.company_id or self.env.company
            amendment.new_total_company = (
                amendment.currency_id._convert(
                    amendment.new_total, company.currency_id, company, fields.Date.context_today(amendment)
                )
                if amendment.currency_id
                else amendment.new_total
            )
            amendment.gm_approval_required = amendment.new_total_company > company.sales_gm_approval_amount

    @api.constrains("line_ids")
    def _check_lines_of_the_order(self):
        for amendment in self:
            if amendment.line_ids.order_line_id.order_id - amendment.order_id:
                raise UserError(
                    self.env._(
                        "Contract change %(name)s: every changed line must belong to order %(order)s.",
                        name=amendment.name,
                        order=amendment.order_id.name,
                    )
                )

    def _sales_check_lines_editable(self):
        """DC-6: the approvers decide on the changed lines as submitted; once the change is submitted,
        applied or cancelled its lines stay as they were (as its own fields do under validation)."""
        frozen = self.filtered(lambda a: a.state != "draft" or a.review_ids)
        if frozen:
            raise UserError(
                self.env._(
                    "Contract change %(name)s has been submitted for approval, applied or cancelled: its changed "
                    "lines cannot be edited. Click “Restart Validation” while it is a draft, or record a new "
                    "contract change.",
                    name=frozen[0].name,
                )
            )

    def action_apply(self):
        """DC-6: the approved change is written to the order (the tier guard refuses it before approval)."""
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(
                    self.env._("Contract change %(name)s has already been applied or cancelled.", name=amendment.name)
                )
            if not amendment.review_ids:
                raise UserError(
                    self.env._(
                        "Contract change %(name)s has not been submitted: click “Request Validation” "
                        "and wait for the approvals.",
                        name=amendment.name,
                    )
                )
            amendment.write(
                {"state": "applied", "applied_by_id": self.env.user.id, "applied_date": fields.Datetime.now()}
            )
            amendment._apply_to_order()

    def _apply_to_order(self):
        self.ensure_one()
        # The change itself in the context lets its writes through the contract lock (see
        # sale.order._sales_applying_amendment).
        for line in self.line_ids:
            line.order_line_id.with_context(sales_amendment_apply=self).write(line._new_values())
        if self.new_commitment_date and self.new_commitment_date != self.old_commitment_date:
            self.order_id.with_context(sales_amendment_apply=self).write({"commitment_date": self.new_commitment_date})
        self.order_id.message_post(
            body=self.env._("Contract change %(name)s applied: %(reason)s", name=self.name, reason=self.reason)
        )

    def action_cancel(self):
        for amendment in self:
            if amendment.state == "applied":
                raise UserError(
                    self.env._(
                        "Contract change %(name)s has been applied to the order and is kept; record a new "
                        "change to reverse it.",
                        name=amendment.name,
                    )
                )
        self.write({"state": "cancel"})

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first. Uninstalling the
        # module (superuser, with Odoo's uninstall flag) removes every change.
        if not (self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.su):
            self._check_unlink_not_applied()
        return super().unlink()

    def _check_unlink_not_applied(self):
        if self.filtered(lambda a: a.state == "applied"):
            raise UserError(self.env._("Applied contract changes are kept with the contract and cannot be deleted."))
