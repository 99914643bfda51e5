# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestPrioritySupply(CreditCase):
    def test_grade_a_is_served_first_in_a_shortage(self):
        """CT-9: A and B deliveries get a higher priority and are reserved first when stock arrives."""
        grade_c = self.make_customer("Cash customer", grade="c")
        grade_a = self.make_customer("Key account", grade="a")
        order_c = self.make_order(grade_c, qty=5.0, product=self.product, term=self.cash_term)
        order_c.with_user(self.users["specialist"]).action_confirm()
        order_a = self.make_order(grade_a, qty=5.0, product=self.product)
        order_a.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(order_a.picking_ids.priority, "1")
        self.assertEqual(order_c.picking_ids.priority, "0")
        self.put_in_stock(self.product, 5.0)
        self.env["procurement.group"]._run_scheduler_tasks(company_id=self.company.id)
        self.assertEqual(order_a.picking_ids.move_ids.quantity, 5.0)
        self.assertEqual(order_c.picking_ids.move_ids.quantity, 0.0)

    def test_priority_supply_can_be_turned_off(self):
        """CT-9: the company setting switches the priority off."""
        self.company.credit_priority_supply = False
        order = self.make_order(self.make_customer("Key account", grade="a"), product=self.product)
        order.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(order.picking_ids.priority, "0")
