# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .sale_common import SaleApprovalCase


class TestApprovedQuotationLines(SaleApprovalCase):
    """DC-3 / DC-4: an approval covers the lines it was given on."""

    def test_lines_of_an_approved_quotation_are_frozen_like_its_header(self):
        """DC-3: after approval, price, quantity, product, discount and new lines need a restarted validation."""
        order = self._quotation()
        self._approve_quotation(order)
        self.assertEqual(order.validation_status, "validated")
        line = order.order_line.with_user(self.users["specialist"])
        other = self.env["product.product"].create({"name": "SCT Other fibre", "list_price": 1.0})
        for vals in ({"price_unit": 1.0}, {"product_uom_qty": 999}, {"discount": 50}, {"product_id": other.id}):
            with self.assertRaisesRegex(UserError, "Restart Validation", msg=vals):
                line.write(vals)
        with self.assertRaises(UserError):
            self.as_role("specialist", "sale.order.line").create(
                {"order_id": order.id, "product_id": other.id, "product_uom_qty": 1000}
            )
        with self.assertRaisesRegex(UserError, "Restart Validation"):
            line.unlink()
        with self.assertRaises(ValidationError):
            order.with_user(self.users["specialist"]).write({"note": "Header edit"})
        self.assertEqual((line.price_unit, line.product_uom_qty), (100.0, 10))
        order.with_user(self.users["specialist"]).action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_a_restarted_validation_allows_the_change_and_asks_again(self):
        """DC-3: restarting the validation reopens the lines; the changed quotation needs a new approval."""
        order = self._quotation()
        self._approve_quotation(order)
        specialist_order = order.with_user(self.users["specialist"])
        specialist_order.restart_validation()
        specialist_order.order_line.price_unit = 80.0
        with self.assertRaisesRegex(UserError, "has not been approved"):
            specialist_order.action_quotation_sent()
        self._approve_quotation(order)
        specialist_order.action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_a_quotation_under_review_keeps_its_lines(self):
        """DC-3: while the supervisor reviews, the specialist cannot change the lines under him."""
        order = self._quotation()
        order.with_user(self.users["specialist"]).request_validation()
        with self.assertRaisesRegex(UserError, "under review or approved"):
            order.order_line.with_user(self.users["specialist"]).price_unit = 50.0


class TestConfirmedContractLines(SaleApprovalCase):
    def _confirmed(self, qty=10, price=100.0):
        order = self._quotation(qty=qty, price=price)
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(order.state, "sale")
        return order

    def _amendment(self, order, **line_vals):
        return self.as_role("specialist", "sales.contract.amendment").create(
            {
                "order_id": order.id,
                "amendment_type": "quantity",
                "reason": "The customer cancels the rest of the line",
                "line_ids": [(0, 0, {"order_line_id": order.order_line.id, **line_vals})],
            }
        )

    def test_no_new_line_on_a_confirmed_contract(self):
        """DC-6: a product is added to a confirmed contract neither as a new line nor through the order."""
        order = self._confirmed()
        with self.assertRaises(UserError) as refusal:
            self.as_role("specialist", "sale.order.line").create(
                {"order_id": order.id, "product_id": self.product.id, "product_uom_qty": 5}
            )
        self.assertIn("through a contract change", str(refusal.exception))
        with self.assertRaises(UserError):
            order.with_user(self.users["manager"]).write(
                {"order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 5})]}
            )
        self.as_role("specialist", "sale.order.line").create(
            {"order_id": order.id, "display_type": "line_note", "name": "Deliver to gate 2"}
        )
        self.assertEqual(len(order.order_line.filtered(lambda line: not line.display_type)), 1)

    def test_the_change_context_cannot_be_forged(self):
        """DC-6 / X-5: the context that lets an applied contract change write the contract is the change
        itself; a flag sent by a client (as over RPC) unlocks neither the lines nor the delivery date."""
        order = self._confirmed()
        line = order.order_line.filtered(lambda item: not item.display_type)
        with self.assertRaisesRegex(UserError, "through a contract change"):
            line.with_user(self.users["specialist"]).with_context(sales_amendment_apply=True).write(
                {"product_uom_qty": 20}
            )
        with self.assertRaisesRegex(UserError, "through a contract change"):
            order.with_user(self.users["specialist"]).with_context(sales_amendment_apply=1).write(
                {"commitment_date": "2030-01-01 08:00:00"}
            )
        self.assertEqual(line.product_uom_qty, 10)

    def test_an_approved_change_may_cancel_the_rest_of_a_line(self):
        """DC-6: a contract change sets a quantity (or a price) to 0, and only once approved."""
        order = self._confirmed()
        amendment = self._amendment(order, new_quantity=0.0, new_price=0.0)
        self.assertEqual((amendment.line_ids.new_quantity, amendment.line_ids.new_price), (0.0, 0.0))
        self.assertEqual((amendment.line_ids.old_quantity, amendment.line_ids.old_price), (10, 100.0))
        self.assertEqual(self._amendment(order).line_ids.new_quantity, 10, "a value not given keeps the order's")
        amendment.with_user(self.users["specialist"]).request_validation()
        self._decide(amendment, "manager")
        amendment.with_user(self.users["specialist"]).action_apply()
        self.assertEqual((order.order_line.product_uom_qty, order.order_line.price_unit), (0.0, 0.0))

    def test_changed_lines_are_frozen_once_submitted(self):
        """DC-6: after the request for approval the changed lines stay as the approvers saw them."""
        order = self._confirmed()
        amendment = self._amendment(order, new_quantity=5.0)
        amendment.line_ids.with_user(self.users["specialist"]).new_quantity = 6.0
        amendment.with_user(self.users["specialist"]).request_validation()
        self._decide(amendment, "manager")
        specialist_line = amendment.line_ids.with_user(self.users["specialist"])
        for vals in ({"new_quantity": 500.0}, {"new_price": 1.0}):
            with self.assertRaisesRegex(UserError, "cannot be edited", msg=vals):
                specialist_line.write(vals)
        with self.assertRaises(UserError) as refusal:
            self.as_role("specialist", "sales.contract.amendment.line").create(
                {"amendment_id": amendment.id, "order_line_id": order.order_line.id, "new_quantity": 500.0}
            )
        self.assertIn("cannot be edited", str(refusal.exception))
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            specialist_line.unlink()
        amendment.with_user(self.users["specialist"]).action_apply()
        self.assertEqual(order.order_line.product_uom_qty, 6.0)
