# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dispatch_notice_ids = fields.One2many("sales.dispatch.notice", "order_id", string="Dispatch Notices")
    dispatch_notice_count = fields.Integer(compute="_compute_dispatch_notice_count")

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
