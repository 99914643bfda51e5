# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .test_picking_common import ShipCase

WORKFLOW_ONLY = "can only be set by its workflow"
APPROVED = "is approved and can no longer be changed"


@tagged("post_install", "-at_install")
class TestWorkflowFields(ShipCase):
    """X-5: what the approvals and the validation decide cannot be typed in by a write or a create."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer("嘉兴秀洲化纤有限公司", grade="b", limit=100000.0)
        cls.rich = cls.make_customer("上海外高桥贸易有限公司", grade="a", limit=10000000.0)

    def test_specialist_cannot_approve_a_notice_by_writing_it(self):
        """DG-3/X-5: a draft notice cannot be written approved, nor get a credit result or another customer."""
        notice = self.make_notice(self.confirmed_order(self.customer)).with_user(self.users["specialist"])
        for values in (
            {"state": "approved"},
            {"approved_exposure": 1.0, "approved_by_id": self.users["gm"].id},
            {"credit_result": "within"},
            {"commercial_partner_id": self.rich.id},
        ):
            with self.subTest(values=values), self.assertUserError(WORKFLOW_ONLY):
                notice.write(values)
        self.assertEqual(notice.state, "draft")
        # The button is the way: it checks the role and moves the notice on.
        notice.action_submit()
        self.assertEqual(notice.state, "finance")

    def test_credit_snapshot_of_a_reviewed_notice_is_frozen(self):
        """DG-2/DG-3/X-5: the specialist cannot rewrite finance's check result to route the notice lower."""
        order = self.confirmed_order(self.customer, qty=2000.0)
        notice = self.review(self.make_notice(order))
        self.assertEqual(notice.credit_result, "over_limit")
        with self.assertUserError(WORKFLOW_ONLY):
            notice.with_user(self.users["specialist"]).write({"credit_result": "within"})
        self.assertEqual(notice.approval_level, "gm")

    def test_notice_cannot_be_created_approved(self):
        """DG-1/X-5: a new notice starts as a draft whatever the request says."""
        order = self.confirmed_order(self.customer)
        with self.assertUserError(WORKFLOW_ONLY):
            self.make_notice(order, state="approved")
        with self.assertUserError(WORKFLOW_ONLY):
            self.make_notice(
                order,
                line_ids=[
                    Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 1, "qty_shipped": 1})
                ],
            )
        self.assertEqual(self.make_notice(order).state, "draft")

    def test_lines_of_an_approved_notice_stay_as_approved(self):
        """DG-5/X-5: the quantities the warehouse may ship are the approved ones, line by line too."""
        order = self.confirmed_order(self.customer)
        notice = self.approved_notice(order)
        line = notice.line_ids.with_user(self.users["specialist"])
        with self.assertUserError(APPROVED):
            line.write({"product_uom_qty": 500.0})
        with self.assertUserError(APPROVED):
            notice.with_user(self.users["specialist"]).write(
                {"line_ids": [Command.update(line.id, {"product_uom_qty": 500.0})]}
            )
        with self.assertUserError(APPROVED):
            line.unlink()
        for values in ({"qty_shipped": 5.0}, {"state": "draft"}):
            with self.subTest(values=values), self.assertUserError(WORKFLOW_ONLY):
                line.with_user(self.users["warehouse"]).write(values)
        self.assertEqual(line.product_uom_qty, 10.0)
        # A draft notice's lines are the specialist's to change, but not what was shipped nor their status.
        draft_line = self.make_notice(self.confirmed_order(self.customer)).line_ids.with_user(self.users["specialist"])
        draft_line.write({"product_uom_qty": 4.0})
        self.assertEqual(draft_line.product_uom_qty, 4.0)
        for values in ({"qty_shipped": 4.0}, {"state": "approved"}):
            with self.subTest(values=values), self.assertUserError(WORKFLOW_ONLY):
                draft_line.write(values)
        # The validation counts the shipped quantity itself.
        self.ship(order)
        self.assertEqual(line.qty_shipped, 10.0)

    def test_warehouse_cannot_sign_or_override_on_the_delivery(self):
        """DG-5/X-5: the inspection signature and the credit override come from their buttons and groups."""
        order = self.confirmed_order(self.customer)
        self.approved_notice(order)
        picking = self.open_delivery(order).with_user(self.users["warehouse"])
        for values in (
            {"dispatch_inspection_signed_by_id": self.users["quality"].id},
            {"dispatch_override_by_id": self.users["gm"].id, "dispatch_override_reason": "typed"},
            {"dispatch_keeper_id": self.users["warehouse"].id},
            {"dispatch_notice_ids": [Command.clear()]},
        ):
            with self.subTest(values=values), self.assertUserError(WORKFLOW_ONLY):
                picking.write(values)
        self.assertFalse(picking.dispatch_inspection_signed_by_id)
        # What the keeper legitimately edits on the delivery still goes through.
        picking.write({"dispatch_carrier_signer": "赵师傅"})
        shipped = self.ship(order)
        self.assertEqual(shipped.state, "done")
        shipped.with_user(self.users["warehouse"]).action_dispatch_keeper_confirm()
        self.assertEqual(shipped.dispatch_keeper_id, self.users["warehouse"])

    def test_receipt_is_confirmed_by_its_button_only(self):
        """DG-8/X-5: a receipt cannot be written or created confirmed (the order would show signed)."""
        order, _notice, picking = self.shipped_order(customer=self.customer)
        receipts = self.env["sales.delivery.receipt"].with_user(self.users["specialist"])
        with self.assertUserError(WORKFLOW_ONLY):
            receipts.create({"picking_id": picking.id, "state": "confirmed"})
        receipt = receipts.create({"picking_id": picking.id})
        with self.assertUserError(WORKFLOW_ONLY):
            receipt.write({"state": "confirmed", "confirmed_by_id": self.users["specialist"].id})
        with self.assertUserError(WORKFLOW_ONLY):
            receipt.write({"order_id": self.confirmed_order(self.customer).id})
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(order.delivery_signature_state, "none")
