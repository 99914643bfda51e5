# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestLogistics(ShipCase):
    def test_status_history_and_exceptions_notify_the_salesperson(self):
        """DG-9: carrier, tracking number and status history; a delay asks the salesperson to inform the customer."""
        order, _notice, picking = self.shipped_order()
        events = self.env["sales.logistics.event"].with_user(self.users["warehouse"])
        picking.with_user(self.users["warehouse"]).logistics_tracking_ref = "YW123456789CN"
        events.create({"picking_id": picking.id, "status": "in_transit"})
        self.assertEqual(picking.logistics_status, "in_transit")
        self.assertEqual(picking.logistics_carrier_id, self.carrier)
        self.assertFalse(order.activity_ids)
        events.create({"picking_id": picking.id, "status": "delayed", "note": "Highway closed near Jinhua"})
        self.assertEqual(picking.logistics_status, "delayed")
        activity = order.activity_ids
        self.assertEqual(activity.user_id, self.users["specialist"])
        self.assertIn("Inform the customer", activity.summary)
        events.create({"picking_id": picking.id, "status": "delivered"})
        self.assertEqual(picking.logistics_status, "delivered")
        self.assertEqual(len(picking.logistics_event_ids), 3)
        event = picking.logistics_event_ids[0]
        with self.assertUserError("cannot be changed"):
            event.with_user(self.users["warehouse"]).note = "x"
        with self.assertUserError("cannot be deleted"):
            event.unlink()
        with self.assertRaises(AccessError):
            self.env["sales.logistics.event"].with_user(self.users["guard"]).search([])
        with self.assertRaises(AccessError):
            self.env["sales.logistics.event"].with_user(self.users["quality"]).create(
                {"picking_id": picking.id, "status": "damaged"}
            )

    def test_only_shipped_deliveries_are_tracked(self):
        """DG-9: tracking starts once the delivery is validated."""
        customer = self.make_customer("Jinhua Hardware", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=2.0)
        with self.assertUserError("has not been shipped yet"):
            self.env["sales.logistics.event"].with_user(self.users["warehouse"]).create(
                {"picking_id": self.open_delivery(order).id, "status": "in_transit"}
            )
