# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestConfidentialOrders(ShipCase):
    """DC-9 meets DG-5/DG-9: the warehouse keeper ships the deliveries of a confidential contract that
    its confidentiality hides from him (sales_doc_control's global rules)."""

    def _confidential_contract(self, customer_name):
        customer = self.make_customer(customer_name, grade="b", limit=100000.0)
        order = self.make_order(customer, qty=10.0, product=self.yarn)
        order.with_user(self.users["specialist"]).write(
            {"sales_contract_start": date(2026, 1, 1), "sales_contract_end": date(2026, 12, 31)}
        )
        order.credit_overdue_reason = "Confirmed for the dispatch tests."
        order.with_user(self.users["gm"]).action_confirm()
        # Superuser: the test's own user (an accountant) is no reader of confidential contracts either.
        order = order.sudo()
        self.assertEqual(order.sales_confidentiality, "confidential")
        with self.assertRaises(AccessError):
            order.with_user(self.users["warehouse"]).read(["name"])
        return order

    def _validate_in_a_new_request(self, order):
        """The keeper enters the quantities, then validates later: nothing of the order is cached."""
        picking = self.open_delivery(order).with_user(self.users["warehouse"])
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        self.env.flush_all()
        self.env.invalidate_all()
        picking.with_context(skip_backorder=True).button_validate()
        return picking.sudo()

    def test_keeper_ships_a_confidential_contract(self):
        """DC-9 / DG-5: the keeper validates the delivery of a confidential contract under its approved
        notice; the gate pass names the order; the contract itself stays closed to him."""
        order = self._confidential_contract("Shaoxing Keqiao Textiles")
        notice = self.approved_notice(order)
        picking = self._validate_in_a_new_request(order)
        self.assertEqual(picking.state, "done")
        self.assertEqual(notice.line_ids.qty_shipped, 10.0)
        self.assertEqual(picking.dispatch_gate_pass_ids.order_ref, order.name)
        with self.assertRaises(AccessError):
            order.with_user(self.users["warehouse"]).read(["amount_total"])

    def test_refusal_names_the_confidential_order(self):
        """DC-9 / DG-5: without an approved notice the keeper is refused with the rule and the order
        named, not with an access error on the order he may not read."""
        order = self._confidential_contract("Ningbo Knitwear")
        with self.assertUserError(f"order {order.name}\\): no approved dispatch notice covers"):
            self._validate_in_a_new_request(order)

    def test_keeper_reports_a_delay_of_a_confidential_contract(self):
        """DC-9 / DG-9: a delay reported by the keeper asks the salesperson to inform the customer, on the
        confidential contract the keeper may not read."""
        order = self._confidential_contract("Jinhua Home Textiles")
        self.approved_notice(order)
        picking = self._validate_in_a_new_request(order)
        self.env.invalidate_all()
        self.env["sales.logistics.event"].with_user(self.users["warehouse"]).create(
            {"picking_id": picking.id, "status": "delayed", "note": "Highway closed near Jinhua"}
        )
        activity = order.activity_ids
        self.assertEqual(activity.user_id, self.users["specialist"])
        self.assertIn("Inform the customer", activity.summary)
