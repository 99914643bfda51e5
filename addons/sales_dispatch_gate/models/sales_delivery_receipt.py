# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

RECORDING_GROUPS = ("sales_doc_control.group_sales_specialist", "sales_doc_control.group_sales_assistant")
QUALITY_GROUP = "sales_doc_control.group_sales_quality_inspector"
WAREHOUSE_GROUP = "sales_doc_control.group_sales_warehouse_keeper"
# confirmed by its button only (sudo, once the role and the signature are checked).
WORKFLOW_FIELDS = {"state", "confirmed_by_id", "confirmed_date"}
# Followed from the delivery: a user's write would file the receipt under another order or customer.
DERIVED_FIELDS = {"order_id", "partner_id", "user_id", "company_id"}


class SalesDeliveryReceipt(models.Model):
    """DG-8: the delivery receipt (发货回执) the customer signs when the goods arrive."""

    _name = "sales.delivery.receipt"
    _description = "Delivery Receipt"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.document.mixin"]
    _order = "sign_date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        required=True,
        index=True,
        tracking=True,
        domain="[('state', '=', 'done'), ('picking_type_code', '=', 'outgoing'), ('sale_id', '!=', False)]",
    )
    order_id = fields.Many2one(related="picking_id.sale_id", string="Sale Order", store=True, index=True)
    partner_id = fields.Many2one(
        related="picking_id.partner_id.commercial_partner_id", string="Customer", store=True, index=True
    )
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    sign_date = fields.Date(string="Signing Date", tracking=True)
    signer_name = fields.Char(string="Signed By", tracking=True, help="The customer's person who signed the receipt.")
    scan_ids = fields.Many2many(
        "ir.attachment",
        "sales_delivery_receipt_scan_rel",
        "receipt_id",
        "attachment_id",
        help="Scan or photo of the signed receipt.",
    )
    problem_ids = fields.One2many("sales.delivery.receipt.problem", "receipt_id", string="Reported Problems")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sales.delivery.receipt") or "/"
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS | DERIVED_FIELDS)
        if self.filtered(lambda r: r.state == "confirmed") and set(vals) - {
            "message_follower_ids",
            "message_main_attachment_id",
            "activity_ids",
        }:
            raise UserError(
                self.env._(
                    "Delivery receipt %(receipt)s is confirmed and can no longer be changed.",
                    receipt=self.filtered(lambda r: r.state == "confirmed")[0].name,
                )
            )
        return super().write(vals)

    def unlink(self):
        # Checked before the retention guard and mail.thread's unlink, which deletes the chatter first.
        # Uninstalling the module (superuser, with Odoo's uninstall flag) removes every receipt.
        if not (self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.su):
            self._check_unlink_unconfirmed()
        return super().unlink()

    def _check_unlink_unconfirmed(self):
        """X-6: confirmed receipts are kept."""
        for receipt in self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(self.env._("Delivery receipt %(receipt)s is confirmed and is kept.", receipt=receipt.name))

    def _sales_document_type_code(self):
        return "delivery_receipt"

    def _sales_retention_trigger_dates(self):
        dates = super()._sales_retention_trigger_dates()
        for receipt in self.filtered("picking_id.date_done"):
            dates.setdefault(receipt.id, {})["shipped"] = receipt.picking_id.date_done.date()
        return dates

    def action_confirm(self):
        """DG-8: the signed receipt is confirmed: the order shows signed, the problems are routed."""
        if not self.env.su and not any(self.env.user.has_group(group) for group in RECORDING_GROUPS):
            raise AccessError(
                self.env._("Only the salespeople and the sales assistants confirm delivery receipts. Ask one of them.")
            )
        for receipt in self:
            if receipt.state != "draft":
                raise UserError(self.env._("Delivery receipt %(receipt)s is already confirmed.", receipt=receipt.name))
            if not receipt.sign_date or not (receipt.signer_name or "").strip() or not receipt.scan_ids:
                raise UserError(
                    self.env._(
                        "Delivery receipt %(receipt)s: record the signing date, the signer and the scan of the "
                        "signed receipt before confirming it.",
                        receipt=receipt.name,
                    )
                )
        self.check_access("write")
        # the confirmation is written by this button only, once the role and the signature are checked.
        self.sudo().write(
            {"state": "confirmed", "confirmed_by_id": self.env.uid, "confirmed_date": fields.Datetime.now()}
        )
        for receipt in self:
            receipt.order_id._sales_record_event(
                "signed",
                note=receipt.picking_id.name,
                date=fields.Datetime.to_datetime(receipt.sign_date),
            )
        self.problem_ids._receipt_route()
        return True
