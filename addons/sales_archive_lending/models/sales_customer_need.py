# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SalesCustomerNeed(models.Model):
    _inherit = "sales.customer.need"

    def unlink(self):
        """AL-2: checked before mail.thread's unlink, which deletes the chatter first."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
