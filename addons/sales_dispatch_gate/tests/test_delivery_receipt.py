# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestDeliveryReceipt(ShipCase):
    def make_receipt(self, picking, role="specialist", problems=()):
        receipt = (
            self.env["sales.delivery.receipt"]
            .with_user(self.users[role])
            .create(
                {
                    "picking_id": picking.id,
                    "problem_ids": [
                        fields.Command.create({"kind": kind, "description": text, "product_id": self.yarn.id})
                        for kind, text in problems
                    ],
                }
            )
        )
        return receipt

    def test_signed_receipt_marks_the_order_signed(self):
        """DG-8: the delivery receipt (发货回执) with signing date, signer and scan marks the order signed."""
        order, _notice, picking = self.shipped_order()
        self.assertEqual(order.delivery_signature_state, "none")
        receipt = self.make_receipt(picking)
        self.assertEqual(receipt.order_id, order)
        self.assertEqual(receipt.partner_id, order.partner_id)
        with self.assertUserError("signing date, the signer and the scan"):
            receipt.with_user(self.users["specialist"]).action_confirm()
        scan = self.attachment("回执.pdf", "specialist", res_model="sales.delivery.receipt", res_id=receipt.id)
        receipt.with_user(self.users["specialist"]).write(
            {"sign_date": self.today, "signer_name": "李娜", "scan_ids": [fields.Command.set(scan.ids)]}
        )
        with self.assertRaises(AccessError):
            receipt.with_user(self.users["warehouse"]).action_confirm()
        receipt.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual(order.delivery_signature_state, "signed")
        self.assertEqual(order.delivery_signed_date, self.today)
        self.assertEqual(order.delivery_receipt_count, 1)
        self.assertIn("signed", order.sudo().sales_event_ids.mapped("event"))
        self.assertEqual(receipt.sales_document_id.type_id.code, "delivery_receipt")
        with self.assertUserError("is confirmed and can no longer be changed"):
            receipt.with_user(self.users["specialist"]).signer_name = "Someone else"
        with self.assertUserError("is confirmed and is kept"):
            receipt.with_user(self.users["specialist"]).unlink()
        with self.assertRaises(AccessError):
            receipt.with_user(self.users["guard"]).read(["name"])

    def test_order_partly_signed_until_every_delivery_has_its_receipt(self):
        """DG-8: with a backorder, one confirmed receipt leaves the order partly signed."""
        customer = self.make_customer("Taizhou Plastics", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        self.approved_notice(order)
        first = self.ship(order, qty=4.0)
        self.ship(order)
        receipt = self.make_receipt(first)
        scan = self.attachment("scan.pdf", "specialist", res_model="sales.delivery.receipt", res_id=receipt.id)
        receipt.with_user(self.users["specialist"]).write(
            {"sign_date": self.today, "signer_name": "Zhao", "scan_ids": [fields.Command.set(scan.ids)]}
        )
        receipt.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(order.delivery_signature_state, "partial")

    def test_reported_problems_are_routed(self):
        """DG-8: quality problems go to Quality (no sales_after_service here), quantity differences to the
        warehouse."""
        self.assertNotIn("sales.feedback", self.env)
        _order, _notice, picking = self.shipped_order()
        receipt = self.make_receipt(
            picking, role="assistant", problems=[("quality", "Dye spots on 2 rolls"), ("quantity", "One roll missing")]
        )
        scan = self.attachment("scan.pdf", "assistant", res_model="sales.delivery.receipt", res_id=receipt.id)
        receipt.with_user(self.users["assistant"]).write(
            {"sign_date": self.today, "signer_name": "Chen", "scan_ids": [fields.Command.set(scan.ids)]}
        )
        receipt.with_user(self.users["assistant"]).action_confirm()
        quality, quantity = receipt.problem_ids.sorted("id")
        self.assertEqual(quality.routed_to, "quality")
        self.assertEqual(quantity.routed_to, "warehouse")
        self.assertIn(self.users["quality"], receipt.activity_ids.filtered(lambda a: "Quality" in a.summary).user_id)
        self.assertIn(self.users["warehouse"], receipt.activity_ids.filtered(lambda a: "Quantity" in a.summary).user_id)
        self.assertEqual(
            receipt.with_user(self.users["quality"]).problem_ids.mapped("description")[0], "Dye spots on 2 rolls"
        )
        with self.assertUserError("kept as reported"):
            quality.with_user(self.users["assistant"]).unlink()
