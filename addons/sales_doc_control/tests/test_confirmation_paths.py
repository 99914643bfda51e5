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
        """A payment transaction of ``order`` in ``state``, through a test provider, created as the
        payment flow creates it (in sudo, for the customer paying on the portal or by a link)."""
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
        return (
            self.env["payment.transaction"]
            .sudo()
            .create(
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
        )

    def _approve_for_payment(self, order):
        """The quotation approval, then the contract review that the confirmation by payment needs."""
        self._approve_quotation(order)
        order.with_user(self.users["manager"]).request_validation()
        self._decide(order, "manager")

    def _assert_payment_refused(self, order):
        # assertRaises (unlike assertRaisesRegex) rolls back the transaction refused after its insertion.
        with self.assertRaises(UserError) as refused:
            self._transaction(order, "draft")
        self.assertIn(f"Quotation {order.name} is awaiting internal approval", str(refused.exception))
        self.assertIn("It can be paid once it is approved", str(refused.exception))

    def test_quotation_is_paid_only_once_approved(self):
        """DC-3 / DC-4: a payment of a quotation awaiting (or lacking) its approval is refused, on every path
        that creates a payment transaction; the portal offers no payment; once approved it is accepted."""
        order = self._quotation(require_payment=True, prepayment_percent=1.0)
        self.assertFalse(order._has_to_be_paid(), "the portal offers no payment before approval")
        self._assert_payment_refused(order)
        order.with_user(self.users["specialist"]).request_validation()
        self._assert_payment_refused(order)
        self._decide(order, "supervisor")
        self._decide(order, "manager")
        # Approved as a quotation, but the contract review that the payment's confirmation needs is missing.
        self._assert_payment_refused(order)
        self.assertFalse(order.transaction_ids)
        order.with_user(self.users["manager"]).request_validation()
        self._decide(order, "manager")
        self.assertTrue(order._has_to_be_paid())
        transaction = self._transaction(order, "draft")
        self.assertEqual(order.transaction_ids, transaction)

    def test_payment_link_refused_before_approval(self):
        """DC-3 / DC-4: the salesperson cannot generate a payment link for a quotation awaiting approval; the
        refusal names the step to wait for (the link of an approved one: TestPortalApproval)."""
        order = self._quotation(require_payment=True, prepayment_percent=1.0)
        wizards = (
            self.env["payment.link.wizard"]
            .with_user(self.users["specialist"])
            .with_context(active_model="sale.order", active_id=order.id)
        )
        with self.assertRaisesRegex(UserError, f"{order.name} is awaiting internal approval.*supervisor review"):
            wizards.create({}).link  # noqa: B018 - reading the link builds it
        self._approve_quotation(order)
        with self.assertRaisesRegex(UserError, "step “Contract review: sales manager”.*Request Validation"):
            wizards.create({}).link  # noqa: B018

    def test_pending_payment_leaves_a_quotation_whose_approval_restarted_a_draft(self):
        """DC-3: a pending online payment (bank transfer) marks an approved quotation sent, as sale does. A
        payment started before the approval was restarted leaves the quotation a draft, and the payment's
        processing does not fail on it."""
        order = self._quotation()
        self._approve_for_payment(order)
        transaction = self._transaction(order, "pending")
        order.with_user(self.users["specialist"]).restart_validation()
        # Post-processing runs as the system (cron or payment status poll), in sudo.
        transaction.sudo()._post_process()
        self.assertEqual(order.state, "draft")
        self.assertTrue(transaction.is_post_processed)
        with self.assertRaisesRegex(UserError, f"Quotation {order.name} has not been approved"):
            order.with_user(self.users["specialist"]).action_quotation_sent()
        approved = self._quotation()
        self._approve_for_payment(approved)
        self._transaction(approved, "pending").sudo()._post_process()
        self.assertEqual(approved.state, "sent")

    def test_online_payment_does_not_confirm_a_quotation_whose_approval_restarted(self):
        """DC-3 / DC-4: a payment started while the quotation was approved and completed after its approval
        was restarted leaves it a quotation and tells the salesperson; once approved again, the payment
        confirms it (the path of sale's payment post-processing)."""
        order = self._quotation(require_payment=True, prepayment_percent=1.0)
        self._approve_for_payment(order)
        transaction = self._transaction(order, "done")
        order.with_user(self.users["specialist"]).restart_validation()
        self.assertFalse(order._has_to_be_paid(), "the portal offers no payment while the approval is open")
        # Post-processing runs as the paying public user, in sudo.
        public_tx = transaction.with_user(self.env.ref("base.public_user")).sudo()
        self.assertFalse(public_tx._check_amount_and_confirm_order())
        public_tx.sale_order_ids._send_payment_succeeded_for_order_mail()
        self.assertEqual(order.state, "draft")
        self.assertIn(self.users["specialist"].partner_id, order.message_ids.partner_ids)
        self.assertTrue(order.message_ids.filtered(lambda m: "paid order" in (m.body or "")))
        self._approve_for_payment(order)
        self.assertEqual(public_tx._check_amount_and_confirm_order(), order)
        self.assertEqual(order.state, "sale")
