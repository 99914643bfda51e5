# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model_create_multi
    def create(self, vals_list):
        """DC-3/DC-4: a quotation is paid only once approved.

        Every online payment of a quotation creates its transaction here, whatever the path (the
        portal's ``/my/orders/<id>/transaction``, a payment link, the website shop), so the refusal
        sits here. Child transactions (refunds, partial captures) continue a payment made earlier and
        are not refused.
        """
        transactions = super().create(vals_list)
        unapproved = transactions.filtered(lambda tx: not tx.source_transaction_id).sale_order_ids.filtered(
            lambda order: order._sales_payment_awaits_approval()
        )
        if unapproved:
            raise UserError(
                self.env._(
                    "Quotation %(name)s is awaiting internal approval and cannot be paid yet. It can be paid once "
                    "it is approved: your salesperson will let you know.",
                    name=unapproved[0].name,
                )
            )
        return transactions

    def _post_process(self):
        """DC-3: sale's post-processing marks the quotation of a pending payment (a bank transfer, say) as
        sent. A payment started while its quotation was approved may be processed after the approval was
        restarted or after a change made a new approval step apply: that quotation stays a draft instead
        of failing the payment's processing (``sale.order.action_quotation_sent`` reads the flag)."""
        return super(PaymentTransaction, self.with_context(sales_payment_post_process=True))._post_process()
