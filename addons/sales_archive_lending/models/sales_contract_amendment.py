# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression


class SalesContractAmendment(models.Model):
    _inherit = "sales.contract.amendment"

    def _sales_retention_trigger_dates(self):
        """AL-1: a contract change record is kept as long as the contract it changes."""
        dates = super()._sales_retention_trigger_dates()
        by_order = self.order_id._sales_retention_trigger_dates()
        for amendment in self:
            dates.setdefault(amendment.id, {}).update(by_order.get(amendment.order_id.id, {}))
        return dates

    @api.model
    def _search_sales_confidential_readable(self, operator, value):
        """AL-5 / DC-9: an approved access request for a contract change opens it for reading during
        its window, whatever the confidentiality of its contract (changing it, never)."""
        domain = super()._search_sales_confidential_readable(operator, value)
        if (operator == "=") == value:
            return expression.OR([domain, [("sales_access_window_open", "=", True)]])
        return expression.AND([domain, [("sales_access_window_open", "=", False)]])

    def unlink(self):
        """AL-2: checked before mail.thread's unlink, which deletes the chatter first."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
