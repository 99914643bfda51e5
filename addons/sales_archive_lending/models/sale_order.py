# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _sales_retention_trigger_fields = ("state", "validity_date", "sales_contract_end")

    def _sales_retention_trigger_dates(self):
        """AL-1: quotations run from their validity end, contracts from the contract period's end,
        orders from the customer's signed receipt (completion), shipping records from the shipment."""
        dates = super()._sales_retention_trigger_dates()
        for order in self:
            triggers = dates.setdefault(order.id, {})
            if order.validity_date:
                triggers["quotation_expired"] = order.validity_date
            if order.state == "sale" and order.sales_contract_end:
                triggers["contract_fulfilled"] = order.sales_contract_end
            for event, trigger in (("signed", "order_completed"), ("shipped", "shipped")):
                moments = order.sales_event_ids.filtered(lambda e, event=event: e.event == event).mapped("date")
                if order.state == "sale" and moments:
                    triggers[trigger] = fields.Date.to_date(max(moments))
        return dates

    def _sales_retention_guarded(self):
        """AL-2: a draft quotation has not been issued to anyone yet; once sent or confirmed it is retained."""
        return self.filtered(lambda order: order.state != "draft")

    def write(self, vals):
        res = super().write(vals)
        if set(self._sales_retention_trigger_fields).intersection(vals):
            # Contract changes are kept as long as the contract they change.
            self.sales_amendment_ids._sales_documents()._sales_refresh_retention()
        return res

    def unlink(self):
        """AL-2: checked before mail.thread's unlink, which deletes the chatter first."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
