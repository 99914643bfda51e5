# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestGateGuardRoles(ShipCase):
    """DG-7 / X-5: the gate guard's restriction on contacts and the other roles of the same account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        keeper_guard = new_test_user(
            cls.env,
            login="sdg_keeper_guard",
            groups="sales_doc_control.group_sales_gate_guard,sales_doc_control.group_sales_warehouse_keeper",
        )
        cls.users = {**cls.users, "keeper_guard": keeper_guard}

    def test_guard_who_is_also_warehouse_keeper_reads_the_customers_he_ships_to(self):
        """DG-7 / X-5: rights add up. Odoo OR-s the record rules of one model across a user's groups
        (ir.rule._compute_domain): the guard's contact rule alone restricts a guard-only account, and
        the contact rule of the suite's other roles lifts it for an account that also holds one of them.
        A guard who is also the warehouse keeper validates a delivery and reads its customer; a
        guard-only account still reads neither the customer nor the carrier."""
        customer = self.make_customer("绍兴柯桥纺织有限公司", grade="b", limit=100000.0)
        order = self.confirmed_order(customer)
        self.approved_notice(order)
        keeper_guard = self.users["keeper_guard"]
        partners = self.env["res.partner"].with_user(keeper_guard)
        picking = self.ship(order, role="keeper_guard")
        self.assertEqual(picking.state, "done")
        self.assertEqual(partners.browse(customer.id).read(["name"])[0]["name"], "绍兴柯桥纺织有限公司")
        self.assertEqual(partners.search([("id", "in", (customer | self.carrier).ids)]), customer | self.carrier)
        gate_pass = self.env["sales.gate.pass"].sudo().search([("picking_id", "=", picking.id)])
        self.assertEqual(gate_pass.with_user(keeper_guard).partner_id, customer)

        guard_partners = self.env["res.partner"].with_user(self.users["guard"])
        for partner in (customer, self.carrier):
            with self.assertRaises(AccessError, msg=partner.name):
                guard_partners.browse(partner.id).read(["name"])
        self.assertFalse(guard_partners.search([("id", "in", (customer | self.carrier).ids)]))
