# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

EVENTS = [
    ("received", "Received"),
    ("reviewed", "Reviewed"),
    ("confirmed", "Confirmed"),
    ("shipped", "Shipped"),
    ("signed", "Signed"),
]


class SalesOrderEvent(models.Model):
    """DC-7: one step of an order's tracking timeline (订单跟踪记录), recorded from events."""

    _name = "sales.order.event"
    _description = "Sales Order Tracking Event"
    _order = "date, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    event = fields.Selection(EVENTS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    note = fields.Char()
    company_id = fields.Many2one(related="order_id.company_id", store=True, precompute=True)
