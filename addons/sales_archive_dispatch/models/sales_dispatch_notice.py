# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SalesDispatchNotice(models.Model):
    _inherit = "sales.dispatch.notice"

    def _sales_retention_guarded(self):
        """AL-2: a draft notice has not been submitted to anyone yet and may be deleted (sales_dispatch_gate,
        X-6); once submitted it is kept, from its shipment on for the years of the retention schedule."""
        return super()._sales_retention_guarded().filtered(lambda notice: notice.state != "draft")
