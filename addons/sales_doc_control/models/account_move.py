# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Set while Odoo posts moves: their rows are written once, for all of them, when posting is done.
REGISTER_AT_POST = "sales_register_at_post"


class AccountMove(models.Model):
    """DC-8: a posted customer invoice or credit note is a document of the order's processing
    (订单处理文件) in the register; drafts, vendor bills and journal entries are not."""

    _name = "account.move"
    _inherit = ["account.move", "sales.document.mixin"]
    _sales_document_fields = ("name", "partner_id", "invoice_user_id", "state", "company_id")

    @api.model
    def _sales_existing_documents_domain(self):
        return [
            ("move_type", "in", ("out_invoice", "out_refund")),
            "|",
            ("state", "=", "posted"),
            ("posted_before", "=", True),
        ]

    def _sales_document_type_code(self):
        """DC-8: customer invoices and credit notes from their first posting on; one reset to draft
        or cancelled afterwards stays in the register (its number was issued)."""
        if self.move_type in ("out_invoice", "out_refund") and (self.state == "posted" or self.posted_before):
            return "customer_invoice"
        return False

    def _sales_document_values(self):
        values = super()._sales_document_values()
        # The invoice's number and date, not its display name (which adds the reference) nor today.
        values.update(name=self.name, user_id=self.invoice_user_id.id)
        if self.invoice_date:
            values["date"] = self.invoice_date
        return values

    def _sales_register_documents(self):
        """DC-8/X-7: only posted customer invoices have rows; the other moves cost no query."""
        if self.env.context.get(REGISTER_AT_POST):
            return self.env["sales.document"].sudo()
        invoices = self.filtered(lambda move: move._sales_document_type_code())
        return super(AccountMove, invoices)._sales_register_documents()

    def _post(self, soft=True):
        """DC-8: the customer invoices posted in one call enter the register together, in one batch,
        once posting (number, lines, hash) is complete."""
        posted = super(AccountMove, self.with_context(**{REGISTER_AT_POST: True}))._post(soft=soft)
        # Also when this posting runs inside another one's (whose batch would not include these moves).
        posted.with_context(**{REGISTER_AT_POST: False})._sales_register_documents()
        return posted.with_env(self.env)
