# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SalesDeliveryReceipt(models.Model):
    _inherit = "sales.delivery.receipt"

    def _sales_retention_guarded(self):
        """AL-2: a receipt still being entered (draft) may be deleted (sales_dispatch_gate, X-6); once
        confirmed it is kept for the years of the retention schedule after the shipment."""
        return super()._sales_retention_guarded().filtered(lambda receipt: receipt.state != "draft")
