# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SalesContractAmendment(models.Model):
    _inherit = "sales.contract.amendment"

    def _sales_retention_trigger_dates(self):
        """AL-1: a contract change record is kept as long as the contract it changes."""
        dates = super()._sales_retention_trigger_dates()
        by_order = self.order_id._sales_retention_trigger_dates()
        for amendment in self:
            dates.setdefault(amendment.id, {}).update(by_order.get(amendment.order_id.id, {}))
        return dates

    def unlink(self):
        """AL-2: checked before mail.thread's unlink, which deletes the chatter first."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
