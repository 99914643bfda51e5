# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _sales_retention_trigger_dates(self):
        """AL-1: a customer invoice or credit note is kept from its invoice date, the day it billed the
        order: every registered invoice has one (posting sets it), with or without an order."""
        dates = super()._sales_retention_trigger_dates()
        for move in self:
            if move.invoice_date and move._sales_document_type_code():
                dates.setdefault(move.id, {})["invoiced"] = move.invoice_date
        return dates

    def write(self, vals):
        res = super().write(vals)
        # AL-1: a registered invoice reset to draft may get another date; the other moves have no
        # document and cost no query.
        invoices = self.filtered(lambda move: move._sales_document_type_code()) if "invoice_date" in vals else None
        if invoices:
            invoices._sales_documents()._sales_refresh_retention()
        return res

    def unlink(self):
        """AL-2: checked before account's unlink, which deletes the journal items first, and before
        mail.thread's, which deletes the chatter."""
        self._sales_check_retention_before_unlink()
        return super().unlink()
