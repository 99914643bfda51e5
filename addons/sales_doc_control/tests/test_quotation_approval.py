# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .sale_common import SaleApprovalCase


class TestQuotationApproval(SaleApprovalCase):
    def test_unapproved_quotation_cannot_reach_the_customer(self):
        """DC-3: before approval a quotation can be neither emailed, marked as sent nor confirmed."""
        order = self._quotation()
        self.assertTrue(order.sales_quotation_approval_required)
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.action_quotation_send()
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.action_quotation_sent()
        with self.assertRaises(ValidationError):
            order.with_context(mark_so_as_sent=True).message_post(body="Your quotation")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_supervisor_then_manager_approve_and_decisions_are_kept(self):
        """DC-3: supervisor review, then the sales manager's final approval; each keeps approver, opinion, time."""
        order = self._quotation()
        order.request_validation()
        self.assertEqual(len(order.review_ids), 2)
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.action_quotation_sent()
        self._decide(order, "supervisor", comment="Price within the band")
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.with_user(self.users["specialist"]).action_quotation_sent()
        self._decide(order, "manager", comment="Approved")
        self.assertEqual(order.validation_status, "validated")
        supervisor_review = order.review_ids.filtered(lambda r: r.done_by == self.users["supervisor"])
        self.assertEqual(supervisor_review.comment, "Price within the band")
        self.assertTrue(supervisor_review.reviewed_date)
        self.assertEqual(order.review_ids.mapped("done_by"), self.users["supervisor"] | self.users["manager"])
        order.with_user(self.users["specialist"]).action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_specialist_cannot_approve_own_quotation(self):
        """DC-3 / X-5: the specialist is not a reviewer and cannot approve."""
        order = self._quotation()
        order.request_validation()
        specialist_view = order.with_user(self.users["specialist"])
        self.assertFalse(specialist_view.can_review)
        specialist_view._validate_tier()
        self.assertEqual(order.validation_status, "pending")

    def test_rejected_quotation_returns_with_the_reason(self):
        """DC-3: a rejected quotation stays a draft and shows the reason."""
        order = self._quotation()
        order.request_validation()
        self._decide(order, "supervisor", decision="reject", comment="Discount too deep for this customer")
        self.assertEqual(order.validation_status, "rejected")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.sales_rejection_reason, "Discount too deep for this customer")
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.action_quotation_sent()

    def test_amount_policy_only_asks_above_the_threshold(self):
        """DC-3: with "above an amount", small quotations are sent without approval."""
        self.company.write({"sales_quotation_approval": "amount", "sales_quotation_approval_amount": 5000.0})
        small, large = self._quotation(qty=10), self._quotation(qty=100)
        self.assertFalse(small.sales_quotation_approval_required)
        self.assertTrue(large.sales_quotation_approval_required)
        small.action_quotation_sent()
        self.assertEqual(small.state, "sent")
        self.assertFalse(small.review_ids)
        with self.assertRaisesRegex(UserError, "has not been approved"):
            large.action_quotation_sent()

    def test_price_policy_follows_the_price_authority_hook(self):
        """DC-3: with "only when a price is outside authority", quotations within authority go straight out."""
        self.company.sales_quotation_approval = "price"
        order = self._quotation()
        self.assertFalse(order.sales_price_outside_authority)
        self.assertFalse(order.sales_quotation_approval_required)
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_duplicate_of_an_approved_quotation_needs_its_own_approval(self):
        """DC-3: copying an approved quotation does not copy its approval."""
        order = self._quotation()
        self._approve_quotation(order)
        copy = order.with_user(self.users["specialist"]).copy()
        self.assertFalse(copy.review_ids)
        self.assertEqual(copy.validation_status, "no")
        with self.assertRaisesRegex(UserError, "has not been approved"):
            copy.action_quotation_sent()

    def test_server_action_cannot_confirm_an_unapproved_quotation(self):
        """DC-3: a server action calling action_confirm is held by the same rule."""
        order = self._quotation()
        action = self.env["ir.actions.server"].create(
            {
                "name": "Confirm quotations",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "state": "code",
                "code": "records.action_confirm()",
            }
        )
        with self.assertRaises(ValidationError):
            action.with_user(self.users["specialist"]).with_context(
                active_model="sale.order", active_ids=order.ids, active_id=order.id
            ).run()
        self.assertEqual(order.state, "draft")

    def test_portal_offers_signature_only_once_approved(self):
        """DC-3: the customer portal offers neither signature nor payment before approval."""
        order = self._quotation(require_signature=True)
        self.assertFalse(order._has_to_be_signed())
        self._approve_quotation(order)
        order.with_user(self.users["specialist"]).action_quotation_sent()
        self.assertFalse(order._has_to_be_signed(), "the contract review is still missing")
        order.with_user(self.users["manager"]).request_validation()
        self._decide(order, "manager")
        self.assertTrue(order._has_to_be_signed())


@tagged("post_install", "-at_install")
class TestAutomatedActionApproval(SaleApprovalCase):
    """Automated actions patch the models once the registry is ready: after the modules are installed."""

    def test_automated_action_cannot_confirm_an_unapproved_quotation(self):
        """DC-3: an automated action (base_automation, "On save") confirming quotations is held by the rule:
        the save that triggers it is refused and the quotation stays a draft."""
        order = self._quotation()
        automation = self.env["base.automation"].create(
            {
                "name": "Confirm quotations marked AUTO",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "trigger": "on_create_or_write",
                "filter_domain": "[('client_order_ref', '=', 'AUTO')]",
            }
        )
        self.env["ir.actions.server"].create(
            {
                "name": "Confirm",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "base_automation_id": automation.id,
                "state": "code",
                "code": "record.action_confirm()",
            }
        )
        with self.assertRaisesRegex(ValidationError, order.name):
            order.with_user(self.users["specialist"]).write({"client_order_ref": "AUTO"})
        self.assertEqual(order.state, "draft")
        order.with_user(self.users["specialist"]).write({"client_order_ref": "PO-1"})
        self.assertEqual((order.client_order_ref, order.state), ("PO-1", "draft"))
