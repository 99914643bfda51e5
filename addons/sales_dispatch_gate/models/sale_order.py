# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dispatch_notice_ids = fields.One2many("sales.dispatch.notice", "order_id", string="Dispatch Notices")
    dispatch_notice_count = fields.Integer(compute="_compute_dispatch_notice_count")
    delivery_receipt_ids = fields.One2many("sales.delivery.receipt", "order_id", string="Delivery Receipts")
    delivery_receipt_count = fields.Integer(compute="_compute_delivery_receipt_count")
    delivery_signature_state = fields.Selection(
        [("none", "Not Signed"), ("partial", "Partly Signed"), ("signed", "Signed")],
        string="Delivery Receipt",
        compute="_compute_delivery_signature",
        store=True,
        help="Signed once the customer signed a confirmed delivery receipt for every validated "
        "delivery of the order.",
    )
    delivery_signed_date = fields.Date(
        string="Receipt Signed On", compute="_compute_delivery_signature", store=True, help="Last signing date."
    )

    @api.depends("dispatch_notice_ids")
    def _compute_dispatch_notice_count(self):
        counts = dict(
            self.env["sales.dispatch.notice"]._read_group([("order_id", "in", self.ids)], ["order_id"], ["__count"])
        )
        for order in self:
            order.dispatch_notice_count = counts.get(order, 0)

    def action_view_dispatch_notices(self):
        """DG-1: the order's dispatch notices; a new one starts from the order's undelivered quantities."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dispatch_gate.action_sales_dispatch_notice")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {
            "default_order_id": self.id,
            "default_planned_date": self.commitment_date or self.expected_date,
        }
        return action

    @api.depends(
        "delivery_receipt_ids.state",
        "delivery_receipt_ids.sign_date",
        "picking_ids.state",
        "picking_ids.picking_type_code",
    )
    def _compute_delivery_signature(self):
        """DG-8: the order shows "signed" when every shipped delivery has a confirmed receipt."""
        for order in self:
            confirmed = order.delivery_receipt_ids.filtered(lambda r: r.state == "confirmed")
            shipped = order.picking_ids.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing")
            order.delivery_signed_date = max(confirmed.mapped("sign_date"), default=False)
            if not confirmed:
                order.delivery_signature_state = "none"
            elif shipped - confirmed.picking_id:
                order.delivery_signature_state = "partial"
            else:
                order.delivery_signature_state = "signed"

    @api.depends("delivery_receipt_ids")
    def _compute_delivery_receipt_count(self):
        for order in self:
            order.delivery_receipt_count = len(order.delivery_receipt_ids)

    def action_view_delivery_receipts(self):
        """DG-8: the delivery receipts (发货回执) of the order."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dispatch_gate.action_sales_delivery_receipt")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
