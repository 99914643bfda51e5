# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestDeliveryNote(ShipCase):
    def test_keeper_and_carrier_confirm_the_delivery_note(self):
        """DG-6: the warehouse keeper and the carrier confirm the delivery note and freight voucher (name, time)."""
        customer = self.make_customer("Keqiao Home Textile", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=5.0)
        self.approved_notice(order)
        open_picking = self.open_delivery(order)
        with self.assertUserError("not a validated delivery"):
            open_picking.with_user(self.users["warehouse"]).action_dispatch_keeper_confirm()
        picking = self.ship(order)
        with self.assertRaises(AccessError):
            picking.with_user(self.users["specialist"]).action_dispatch_keeper_confirm()
        with self.assertRaises(AccessError):
            picking.with_user(self.users["guard"]).action_dispatch_keeper_confirm()
        picking.with_user(self.users["warehouse"]).action_dispatch_keeper_confirm()
        self.assertEqual(picking.dispatch_keeper_id, self.users["warehouse"])
        self.assertTrue(picking.dispatch_keeper_date)
        with self.assertUserError("name of the carrier's signer"):
            picking.with_user(self.users["warehouse"]).action_dispatch_carrier_confirm()
        picking.with_user(self.users["warehouse"]).write(
            {"dispatch_carrier_signer": "王伟", "dispatch_freight_amount": 350.0}
        )
        picking.with_user(self.users["warehouse"]).action_dispatch_carrier_confirm()
        self.assertTrue(picking.dispatch_carrier_date)
        self.env.flush_all()
        self.env.cr.precommit.run()
        picking.invalidate_recordset(["message_ids"])
        tracked = picking.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("dispatch_keeper_id", tracked)
        self.assertIn("dispatch_carrier_signer", tracked)

    def test_only_outgoing_sale_deliveries_are_delivery_notes(self):
        """DG-6: the register holds validated outgoing deliveries of sale orders as delivery notes, nothing else."""
        _order, _notice, picking = self.shipped_order()
        self.assertEqual(picking._sales_document_type_code(), "delivery_note")
        receipt_type = self.env["stock.picking.type"].search(
            [("code", "=", "incoming"), ("company_id", "=", self.company.id)], limit=1
        )
        incoming = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": receipt_type.default_location_dest_id.id,
            }
        )
        self.assertFalse(incoming._sales_document_type_code())
        self.assertFalse(incoming._sales_retention_trigger_dates())

    def test_install_registers_the_deliveries_shipped_before(self):
        """DG-6/DC-8: installed in a company that already ships, the module registers its validated sale
        deliveries as delivery notes (not its open ones); registering again adds nothing."""
        _order, _notice, shipped = self.shipped_order()
        open_order = self.confirmed_order(self.make_customer("Xiaoshan Yarn", grade="b", limit=100000.0), qty=2.0)
        waiting = self.open_delivery(open_order)
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM sales_document WHERE res_model = 'stock.picking' AND res_id IN %s", [(shipped | waiting)._ids]
        )
        self.env.invalidate_all()
        self.assertFalse(shipped.sales_document_id)

        post_init_hook(self.env)
        self.assertEqual(shipped.sales_document_id.type_id.code, "delivery_note")
        self.assertEqual(shipped.sales_document_id.date, fields.Date.context_today(shipped, shipped.date_done))
        self.assertFalse(waiting.sales_document_id)
        post_init_hook(self.env)
        self.assertEqual(
            self.env["sales.document"]
            .sudo()
            .search_count([("res_model", "=", "stock.picking"), ("res_id", "=", shipped.id)]),
            1,
        )
