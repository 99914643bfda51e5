# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .stock_picking import LOGISTICS_STATUSES

EXCEPTIONS = ("delayed", "damaged")


class SalesLogisticsEvent(models.Model):
    """DG-9: one step of the logistics tracking of a delivery (status history)."""

    _name = "sales.logistics.event"
    _description = "Logistics Tracking Event"
    _order = "date desc, id desc"

    picking_id = fields.Many2one("stock.picking", string="Delivery", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Customer")
    order_id = fields.Many2one(related="picking_id.sale_id", string="Sale Order")
    status = fields.Selection(LOGISTICS_STATUSES, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Char()
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        for event in events:
            if event.picking_id.state != "done":
                raise UserError(
                    self.env._(
                        "Delivery %(picking)s has not been shipped yet: track it once it is validated.",
                        picking=event.picking_id.name,
                    )
                )
        events._logistics_notify_exceptions()
        return events

    def write(self, vals):
        # The history is a log: corrections are new events.
        if self:
            raise UserError(self.env._("Logistics events are a history and cannot be changed: record a new event."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(self.env._("Logistics events are a history and cannot be deleted: record a new event."))

    def _logistics_notify_exceptions(self):
        """DG-9: a delay or damage asks the salesperson to inform the customer."""
        labels = dict(self._fields["status"]._description_selection(self.env))
        for event in self.filtered(lambda e: e.status in EXCEPTIONS):
            picking = event.picking_id
            # DC-9: the keeper reporting the exception tells the salesperson on the order, which its
            # confidentiality may hide from the keeper.
            order = picking.sale_id.sudo()
            salesperson = order.user_id
            picking.message_post(
                body=self.env._(
                    "Logistics exception: %(status)s. %(note)s", status=labels[event.status], note=event.note or ""
                ),
                partner_ids=salesperson.partner_id.ids,
            )
            if salesperson:
                order.activity_schedule(
                    "mail.mail_activity_data_call",
                    user_id=salesperson.id,
                    summary=self.env._(
                        "Inform the customer: delivery %(picking)s is %(status)s",
                        picking=picking.name,
                        status=labels[event.status],
                    ),
                    note=event.note,
                )
