# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from io import BytesIO

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestShipmentRegister(ShipCase):
    def test_register_rows_pivot_and_xlsx(self):
        """DG-10: the shipment register lists each shipped product by date and customer; list, pivot and XLSX."""
        customer = self.make_customer("绍兴柯桥纺织有限公司", grade="b", limit=100000.0)
        order, notice, picking = self.shipped_order(customer, qty=7.0)
        self.env.flush_all()
        register = self.env["sales.shipment.register"].with_user(self.users["finance"])
        rows = register.search([("order_id", "=", order.id)])
        self.assertRecordValues(
            rows,
            [
                {
                    "picking_id": picking.id,
                    "partner_id": customer.id,
                    "notice_id": notice.id,
                    "product_id": self.yarn.id,
                    "quantity": 7.0,
                    "amount": 700.0,
                    "carrier_id": self.carrier.id,
                    "vehicle_plate": "浙G·12345",
                    "user_id": self.users["specialist"].id,
                }
            ],
        )
        groups = register.read_group(
            [("order_id", "=", order.id)], ["quantity:sum", "amount:sum"], ["partner_id", "date:day"], lazy=False
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["amount"], 700.0)
        # A specialist sees the shipments of their own orders only; a guard sees nothing.
        self.assertEqual(
            self.env["sales.shipment.register"]
            .with_user(self.users["specialist"])
            .search([("order_id", "=", order.id)]),
            rows,
        )
        self.assertFalse(
            self.env["sales.shipment.register"]
            .with_user(self.users["specialist2"])
            .search([("order_id", "=", order.id)])
        )
        with self.assertRaises(AccessError):
            self.env["sales.shipment.register"].with_user(self.users["guard"]).search([])
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.users["finance"])
            ._render_xlsx("sales_dispatch_gate.action_report_shipment_register_xlsx", rows.ids, {})
        )
        self.assertEqual(report_type, "xlsx")
        values = list(openpyxl.load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
        self.assertEqual(values[0][:3], ("Shipped On", "Customer", "Sale Order"))
        self.assertEqual(len(values), 2)
        self.assertEqual(values[1][1], customer.display_name)
        self.assertEqual(values[1][3], picking.name)
        self.assertEqual(values[1][6], 7.0)
        self.assertEqual(values[1][8], 700.0)
        self.assertEqual(values[1][10], "浙G·12345")
