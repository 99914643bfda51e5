# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .sale_common import SaleApprovalCase


class TestConfirmationPaths(SaleApprovalCase):
    def test_refusal_names_the_order_and_the_pending_step(self):
        """DC-3 / X-4: confirming an unapproved quotation says which order waits for which step."""
        order = self._quotation()
        with self.assertRaisesRegex(ValidationError, f"{order.name}.*Quotation approval: supervisor review"):
            order.with_user(self.users["specialist"]).action_confirm()
        order.with_user(self.users["specialist"]).request_validation()
        self._decide(order, "supervisor")
        with self.assertRaisesRegex(ValidationError, f"{order.name}.*Quotation approval: sales manager"):
            order.with_user(self.users["specialist"]).action_confirm()
        self._decide(order, "manager")
        with self.assertRaisesRegex(ValidationError, f"{order.name}.*Contract review: sales manager"):
            order.with_user(self.users["specialist"]).action_confirm()

    def test_refusal_of_a_rejected_order_says_to_restart(self):
        """DC-3 / X-4: a rejected quotation is refused with the rejected step and how to start over."""
        order = self._quotation()
        order.with_user(self.users["specialist"]).request_validation()
        self._decide(order, "supervisor", decision="reject", comment="Too cheap")
        with self.assertRaisesRegex(ValidationError, "was rejected.*Restart Validation"):
            order.with_user(self.users["specialist"]).action_confirm()

    def _transaction(self, order, state):
        """A payment transaction of ``order`` in ``state``, through a test provider."""
        unknown = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create(
            {
                "name": "SCT transfer",
                "code": "none",
                "state": "test",
                "payment_method_ids": [Command.set(unknown.ids)],
            }
        )
        unknown.active = True
        return self.env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": unknown.id,
                "reference": f"SCT-{state}-{order.name}",
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "sale_order_ids": [Command.set(order.ids)],
                "state": state,
            }
        )

    def test_pending_payment_leaves_an_unapproved_quotation_a_draft(self):
        """DC-3: a pending online payment (bank transfer) marks an approved quotation sent, as sale does;
        an unapproved one stays a draft, and the payment's processing does not fail on it."""
        order = self._quotation()
        transaction = self._transaction(order, "pending")
        # Post-processing runs as the system (cron or payment status poll), in sudo.
        transaction.sudo()._post_process()
        self.assertEqual(order.state, "draft")
        self.assertTrue(transaction.is_post_processed)
        with self.assertRaisesRegex(UserError, f"Quotation {order.name} has not been approved"):
            order.with_user(self.users["specialist"]).action_quotation_sent()
        approved = self._quotation()
        self._approve_quotation(approved)
        self._transaction(approved, "pending").sudo()._post_process()
        self.assertEqual(approved.state, "sent")

    def test_online_payment_does_not_confirm_an_unapproved_order(self):
        """DC-3 / DC-4: a done online payment leaves an unapproved quotation a quotation and tells the
        salesperson; once approved, the payment confirms it (the path of sale's payment post-processing)."""
        order = self._quotation(require_payment=True, prepayment_percent=1.0)
        self.assertFalse(order._has_to_be_paid(), "the portal offers no payment before approval")
        transaction = self._transaction(order, "done")
        # Post-processing runs as the paying public user, in sudo.
        public_tx = transaction.with_user(self.env.ref("base.public_user")).sudo()
        self.assertFalse(public_tx._check_amount_and_confirm_order())
        public_tx.sale_order_ids._send_payment_succeeded_for_order_mail()
        self.assertEqual(order.state, "draft")
        self.assertIn(self.users["specialist"].partner_id, order.message_ids.partner_ids)
        self.assertTrue(order.message_ids.filtered(lambda m: "paid order" in (m.body or "")))
        self._approve_quotation(order)
        order.with_user(self.users["manager"]).request_validation()
        self._decide(order, "manager")
        self.assertEqual(public_tx._check_amount_and_confirm_order(), order)
        self.assertEqual(order.state, "sale")
