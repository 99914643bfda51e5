# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SalesOrderEvent(models.Model):
    _inherit = "sales.order.event"

    @api.model_create_multi
    def create(self, vals_list):
        """AL-1: a shipment or a signed receipt starts the retention of the order's documents."""
        events = super().create(vals_list)
        orders = events.filtered(lambda e: e.event in ("shipped", "signed")).order_id
        (orders._sales_documents() | orders.sales_amendment_ids._sales_documents())._sales_refresh_retention()
        return events
