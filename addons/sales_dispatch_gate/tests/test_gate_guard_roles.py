# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_picking_common import ShipCase

GUARD_GROUP = "sales_doc_control.group_sales_gate_guard"


@tagged("post_install", "-at_install")
class TestGateGuardRoles(ShipCase):
    """DG-7 / X-5: a gate guard's account is for the gate only, and reads no customer or carrier."""

    def test_guard_cannot_also_be_warehouse_keeper(self):
        """DG-7 / DC-1 / X-5: the person who releases goods at the gate is never the one who validates the
        delivery: an account cannot be gate guard and warehouse keeper (or Odoo's inventory user) at once,
        whichever role is given first."""
        refusals = [
            lambda: new_test_user(
                self.env,
                login="sdg_keeper_guard",
                groups=f"{GUARD_GROUP},sales_doc_control.group_sales_warehouse_keeper",
            ),
            lambda: new_test_user(self.env, login="sdg_stock_guard", groups=f"{GUARD_GROUP},stock.group_stock_user"),
            lambda: self.users["warehouse"].write({"groups_id": [Command.link(self.env.ref(GUARD_GROUP).id)]}),
            lambda: self.users["guard"].write(
                {"groups_id": [Command.link(self.env.ref("sales_doc_control.group_sales_warehouse_keeper").id)]}
            ),
        ]
        for refused_change in refusals:
            # assertRaises rolls back what was written before the refusal.
            with self.assertRaises(ValidationError) as refused:
                refused_change()
            self.assertIn("cannot be a gate guard", str(refused.exception))
        self.env.invalidate_all()
        self.assertFalse(self.users["warehouse"].has_group(GUARD_GROUP))
        self.assertFalse(self.users["guard"].has_group("stock.group_stock_user"))

    def test_guard_reads_neither_customer_nor_carrier(self):
        """DG-7 / X-5: the warehouse keeper validates a delivery and reads its customer; the guard-only account
        reads neither the customer nor the carrier (the pass carries the names the guard must check)."""
        customer = self.make_customer("绍兴柯桥纺织有限公司", grade="b", limit=100000.0)
        order = self.confirmed_order(customer)
        self.approved_notice(order)
        picking = self.ship(order)
        self.assertEqual(picking.state, "done")
        keeper_partners = self.env["res.partner"].with_user(self.users["warehouse"])
        self.assertEqual(keeper_partners.browse(customer.id).read(["name"])[0]["name"], "绍兴柯桥纺织有限公司")
        guard_partners = self.env["res.partner"].with_user(self.users["guard"])
        for partner in (customer, self.carrier):
            with self.assertRaises(AccessError, msg=partner.name):
                guard_partners.browse(partner.id).read(["name"])
        self.assertFalse(guard_partners.search([("id", "in", (customer | self.carrier).ids)]))
