# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"
    # AL-1: correcting the shipment date of a delivery moves the retention of its delivery note.
    _sales_retention_trigger_fields = ("date_done",)

    def write(self, vals):
        res = super().write(vals)
        if "date_done" in vals:
            # AL-1: a delivery receipt is kept from the shipment of its delivery. Whoever corrects the
            # date may not read the receipts (a stock user): the register follows the facts (sudo).
            # At validation there is no receipt yet, and nothing more is asked.
            receipts = self.sudo().delivery_receipt_ids
            if receipts:
                receipts._sales_documents()._sales_refresh_retention()
        return res

    def unlink(self):
        """AL-2: checked before stock's unlink, which refuses a shipped delivery only because its moves
        are done and so would hide the retention schedule's reason and advice."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
