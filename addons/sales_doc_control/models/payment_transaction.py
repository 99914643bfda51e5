# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _post_process(self):
        """DC-3: sale's post-processing marks the quotation of a pending payment (a bank transfer, say) as
        sent; a quotation not approved yet stays a draft instead of failing the payment's processing
        (``sale.order.action_quotation_sent`` reads the flag)."""
        return super(PaymentTransaction, self.with_context(sales_payment_post_process=True))._post_process()
