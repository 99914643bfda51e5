# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

GM_GROUP = "sales_doc_control.group_sales_general_manager"
# Set by "Put into Force" and the cancellation only.
WORKFLOW_FIELDS = ("state", "table_id")


class SalesPriceAdjustment(models.Model):
    """PC-5: base price adjustment (基准价格调整流程).

    Proposed by sales, production or finance; reviewed by the sales manager, the
    price committee and the general manager (tier validation); approval creates a
    new version of the base price table effective on the adjustment's date.
    """

    _name = "sales.price.adjustment"
    _description = "Base Price Adjustment"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    user_id = fields.Many2one("res.users", string="Proposed By", default=lambda self: self.env.user, tracking=True)
    department = fields.Selection(
        selection=[("sales", "Sales"), ("production", "Production"), ("finance", "Finance")],
        string="Proposing Department",
        required=True,
        default="sales",
        tracking=True,
    )
    reason_category = fields.Selection(
        selection=[
            ("market", "A: out of line with the market or a forecast swing"),
            ("strategy", "B: conflicts with the marketing strategy"),
            ("cost", "C: cost re-estimated after stable production"),
            ("new_product", "New product entering the base price table"),
        ],
        string="Reason",
        required=True,
        tracking=True,
    )
    supporting_data = fields.Text()
    date_effective = fields.Date(
        string="Effective Date", required=True, default=fields.Date.context_today, tracking=True
    )
    line_ids = fields.One2many("sales.price.adjustment.line", "adjustment_id", string="Prices", copy=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("approved", "Approved"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    table_id = fields.Many2one(
        "sales.price.table", string="New Table Version", readonly=True, copy=False, tracking=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.price.adjustment") or "/"
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            self._check_not_approved()
        return super().write(vals)

    def _check_not_approved(self):
        """X-6: an approved adjustment is the record of a price change and stays as approved."""
        approved = self.filtered(lambda adjustment: adjustment.state == "approved")
        if approved:
            raise UserError(
                self.env._(
                    "Base price adjustment %(ref)s is approved and kept unchanged. Propose a new one instead.",
                    ref=approved[0].name,
                )
            )

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_unlink_not_approved()
        return super().unlink()

    def _check_unlink_not_approved(self):
        for adjustment in self:
            if adjustment.state == "approved":
                raise UserError(
                    self.env._(
                        "Base price adjustment %(ref)s is approved and kept. Cancel a draft instead of deleting it.",
                        ref=adjustment.name,
                    )
                )

    def action_approve(self):
        """PC-5: after every tier approved, the general manager puts the adjustment into force."""
        if not self.env.user.has_group(GM_GROUP):
            raise AccessError(
                self.env._(
                    "Only the general manager may put base price adjustment %(ref)s into force. Ask them to do it.",
                    ref=", ".join(self.mapped("name")),
                )
            )
        for adjustment in self:
            if not adjustment.line_ids:
                raise UserError(
                    self.env._(
                        "Base price adjustment %(ref)s has no price. Add the products first.", ref=adjustment.name
                    )
                )
            adjustment._check_no_later_version()
            # sudo: the status is set by the workflow only; tier validation still checks the
            # reviews as the general manager.
            adjustment.sudo().write({"state": "approved"})
            adjustment._create_table_version()

    def action_cancel(self):
        if not self.env.user.has_group("sales_doc_control.group_sales_manager"):
            raise AccessError(
                self.env._(
                    "Only the sales manager may cancel base price adjustment %(ref)s.",
                    ref=", ".join(self.mapped("name")),
                )
            )
        if self.filtered(lambda adjustment: adjustment.state == "approved"):
            raise UserError(self.env._("An approved base price adjustment is kept; propose a new one instead."))
        # sudo: the status is set by the workflow only, after the role check above.
        self.sudo().write({"state": "cancel"})

    def _check_no_later_version(self):
        """PC-5/X-6: refuse when a version already approved for a later date is waiting.

        That version was built without this adjustment's prices: taking effect after it,
        it would silently undo them.
        """
        self.ensure_one()
        # sudo: every waiting version counts, whoever puts the adjustment into force.
        later = (
            self.env["sales.price.table"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "approved"),
                    ("date_start", ">", self.date_effective),
                ],
                order="date_start desc, id desc",
                limit=1,
            )
        )
        if later:
            raise UserError(
                self.env._(
                    "Base price adjustment %(ref)s takes effect on %(date)s, but base price table %(table)s is "
                    "already approved to take effect later, on %(later)s, without these prices: it would undo "
                    "them. Set the effective date of %(ref)s on or after %(later)s, or put it into force once "
                    "%(table)s is active.",
                    ref=self.name,
                    date=self.date_effective,
                    table=later.display_name,
                    later=later.date_start,
                )
            )

    def _create_table_version(self):
        """PC-5: a new version = the latest version in force or approved at the adjustment's date,
        with this adjustment's prices and reasons.

        Starting from an approved version not yet active keeps the prices of another
        adjustment that takes effect earlier (X-6: nothing is undone silently).
        """
        self.ensure_one()
        # sudo: the version is created by the approved workflow, not edited by hand.
        tables = self.env["sales.price.table"].sudo()
        current = tables.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("approved", "active")),
                ("date_start", "<=", self.date_effective),
            ],
            order="date_start desc, id desc",
            limit=1,
        ) or tables._get_active_table(self.company_id)
        changes = {line.product_id: line for line in self.line_ids}
        lines = [
            Command.create({"product_id": base.product_id.id, "uom_id": base.uom_id.id, "price": base.price})
            for base in current.line_ids
            if base.product_id not in changes
        ]
        lines += [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "uom_id": line.uom_id.id,
                    "price": line.new_price,
                    "change_reason": line.reason,
                }
            )
            for line in self.line_ids
        ]
        table = tables.create(
            {
                "name": self.env._("%(ref)s from %(date)s", ref=self.name, date=self.date_effective),
                "date_start": self.date_effective,
                "company_id": self.company_id.id,
                "pricelist_id": current.pricelist_id.id,
                "adjustment_id": self.id,
                "line_ids": lines,
            }
        )
        table.write({"state": "approved", "approved_by_id": self.env.user.id})
        table._activate_due()
        # sudo: linking the version is part of the approval, after the adjustment is locked.
        self.sudo().table_id = table
