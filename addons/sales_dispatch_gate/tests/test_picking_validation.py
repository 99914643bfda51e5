# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestPickingValidation(ShipCase):
    def test_delivery_without_approved_notice_is_refused(self):
        """DG-5: no delivery of a sale order without an approved notice; the error names the missing notice."""
        customer = self.make_customer("Keqiao Weaving", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        with self.assertUserError("no approved dispatch notice covers"):
            self.ship(order)
        notice = self.make_notice(order)
        self.review(notice)
        with self.assertUserError(f"dispatch notice {notice.name} is not approved yet"):
            self.ship(order)
        self.assertEqual(self.open_delivery(order).state, "assigned")

    def test_delivery_under_notice_issues_gate_pass(self):
        """DG-5/DG-6: the validated delivery counts on the notice, gets its gate pass and is registered as the
        delivery note."""
        customer = self.make_customer("Hangzhou Silk Trading", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        notice = self.approved_notice(order)
        picking = self.ship(order)
        self.assertEqual(picking.state, "done")
        self.assertEqual(notice.line_ids.qty_shipped, 10.0)
        self.assertEqual(notice.state, "done")
        self.assertTrue(notice.shipped_date)
        self.assertEqual(picking.dispatch_notice_ids, notice)
        gate_pass = picking.dispatch_gate_pass_ids
        self.assertEqual(len(gate_pass), 1)
        self.assertRecordValues(gate_pass, [{"notice_id": notice.id, "vehicle_plate": "浙G·12345", "state": "valid"}])
        self.assertEqual(picking.logistics_carrier_id, self.carrier)
        self.assertIn("shipped", order.sudo().sales_event_ids.mapped("event"))
        document = picking.sales_document_id
        self.assertEqual(document.type_id.code, "delivery_note")
        self.assertEqual(picking._sales_retention_trigger_dates(), {picking.id: {"shipped": picking.date_done.date()}})
        # Shipped goods no longer count as instructed: they are shipped-not-invoiced now.
        exposure = customer._get_credit_exposure()
        self.assertAlmostEqual(exposure["instructed_not_shipped"], 0.0)
        self.assertAlmostEqual(exposure["shipped_not_invoiced"], 1000.0)

    def test_shipments_reported_to_finance_and_salesperson(self):
        """DG-5: finance and the salesperson are told of the shipments the same day: the hourly report sends
        each of them one message listing their deliveries, and reports a delivery only once."""
        customer = self.make_customer("Shaoxing Dyeing", grade="b", limit=100000.0)
        first_order = self.confirmed_order(customer, qty=10.0)
        second_order = self.confirmed_order(customer, qty=5.0)
        self.approved_notice(first_order)
        self.approved_notice(second_order)
        first = self.ship(first_order)
        second = self.ship(second_order)
        self.assertFalse((first | second).filtered("dispatch_reported_date"))
        Picking = self.env["stock.picking"]
        Picking._cron_dispatch_report_shipments()
        self.assertTrue(all((first | second).mapped("dispatch_reported_date")))

        def reports(user):
            return self.env["mail.message"].search(
                [("model", "=", False), ("partner_ids", "in", user.partner_id.ids), ("body", "ilike", first.name)]
            )

        for role in ("finance", "specialist"):
            report = reports(self.users[role])
            self.assertEqual(len(report), 1, role)
            self.assertIn(second.name, report.body)
            self.assertIn("浙G·12345", report.body)
        self.assertFalse(reports(self.users["warehouse"]))
        Picking._cron_dispatch_report_shipments()
        self.assertEqual(len(reports(self.users["finance"])), 1)

    def test_partial_delivery_and_backorder_share_the_notice(self):
        """DG-5: a partial delivery ships part of the notice; the backorder ships the rest under the same notice."""
        customer = self.make_customer("Ningbo Garments", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        notice = self.approved_notice(order)
        first = self.ship(order, qty=4.0)
        self.assertEqual(notice.line_ids.qty_shipped, 4.0)
        self.assertEqual(notice.state, "approved")
        self.assertAlmostEqual(customer._get_credit_exposure()["instructed_not_shipped"], 600.0)
        backorder = self.open_delivery(order)
        self.assertEqual(backorder.backorder_id, first)
        second = self.ship(order)
        self.assertEqual(notice.line_ids.qty_shipped, 10.0)
        self.assertEqual(notice.state, "done")
        self.assertEqual(second.dispatch_notice_ids, notice)
        self.assertEqual(len((first | second).dispatch_gate_pass_ids), 2)

    def test_delivery_beyond_the_notice_is_refused(self):
        """DG-5: the warehouse cannot ship more than the approved notices instruct."""
        customer = self.make_customer("Suzhou Home Textiles", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=10.0)
        notice = self.make_notice(order)
        notice.line_ids.product_uom_qty = 6.0
        self.review(notice)
        self.approve(notice, "manager")
        with self.assertUserError("cannot ship 4.0"):
            self.ship(order)
        self.ship(order, qty=6.0)
        self.assertEqual(notice.state, "done")
        # A second notice for the rest, oldest first: the next delivery draws on it.
        second = self.approved_notice(order)
        self.assertEqual(second.line_ids.product_uom_qty, 4.0)
        picking = self.ship(order)
        self.assertEqual(picking.dispatch_notice_ids, second)

    def test_returns_internal_transfers_and_companies_without_control_are_unaffected(self):
        """DG-5: returns and deliveries of companies without dispatch control are not guarded."""
        customer = self.make_customer("Jiaxing Fabrics", grade="b", limit=100000.0)
        _order, _notice, picking = self.shipped_order(customer)
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves.quantity = 2.0
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        returned.move_ids.picked = True
        returned.with_user(self.users["warehouse"]).button_validate()
        self.assertEqual(returned.state, "done")
        self.assertFalse(returned.dispatch_gate_pass_ids)
        self.assertFalse(returned.dispatch_guarded)
        self.company.dispatch_control = False
        other = self.confirmed_order(customer, qty=3.0)
        delivered = self.ship(other)
        self.assertEqual(delivered.state, "done")
        self.assertFalse(delivered.dispatch_gate_pass_ids)

    def test_gate_pass_numbering_is_the_companys_and_must_exist(self):
        """DG-7: a pass is numbered by its company's own gate-pass sequence when it has one, else by the shared
        one; without any, the validation stops and names the sequence to restore."""
        customer = self.make_customer("Yuyao Knitting", grade="b", limit=100000.0)
        first, second = self.confirmed_order(customer, qty=4.0), self.confirmed_order(customer, qty=3.0)
        self.approved_notice(first)
        self.approved_notice(second)
        shared = self.env.ref("sales_dispatch_gate.seq_sales_gate_pass")
        own = self.env["ir.sequence"].create(
            {
                "name": "Gate passes",
                "code": "sales.gate.pass",
                "prefix": "GPX-",
                "padding": 4,
                "company_id": self.env.company.id,
            }
        )
        self.assertRegex(self.ship(first).dispatch_gate_pass_ids.name, r"^GPX-\d{4}$")
        (shared | own).active = False
        with self.assertUserError("ask the administrator to restore the sequence 'sales.gate.pass'"):
            self.ship(second)

    def test_vehicle_plate_is_required(self):
        """DG-5: the gate pass needs the vehicle: a notice without plate does not let the goods leave."""
        customer = self.make_customer("Shaoxing Dyeing", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=5.0)
        self.approved_notice(order, vehicle_plate=False)
        with self.assertUserError("names no vehicle plate"):
            self.ship(order)

    def test_inspection_flagged_product_needs_quality_signature(self):
        """DG-5: inspection-flagged products leave only after a quality inspector signed the report."""
        self.yarn.dispatch_inspection_required = True
        customer = self.make_customer("Wenzhou Shoes", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=5.0)
        self.approved_notice(order)
        picking = self.open_delivery(order)
        self.assertTrue(picking.dispatch_inspection_required)
        with self.assertUserError("quality inspection report"):
            self.ship(order)
        with self.assertRaises(AccessError):
            picking.with_user(self.users["warehouse"]).action_dispatch_sign_inspection()
        with self.assertUserError("attach the quality inspection report"):
            picking.with_user(self.users["quality"]).action_dispatch_sign_inspection()
        report = self.attachment("质量检验报告.pdf", "warehouse", res_id=picking.id)
        picking.with_user(self.users["warehouse"]).dispatch_inspection_report_ids = report
        picking.with_user(self.users["quality"]).action_dispatch_sign_inspection()
        self.assertEqual(picking.dispatch_inspection_signed_by_id, self.users["quality"])
        self.assertTrue(picking.dispatch_inspection_signed_date)
        self.assertEqual(self.ship(order).state, "done")

    def test_credit_growth_beyond_tolerance_needs_override_with_reason(self):
        """DG-5: credit re-checked at validation; growth beyond the tolerance needs the override group and a
        logged reason."""
        self.company.dispatch_credit_tolerance = 10.0
        customer = self.make_customer("Yiwu Trading", grade="b", limit=100000.0)
        self.make_invoice(customer, 10000.0)
        order = self.confirmed_order(customer, qty=10.0)
        notice = self.approved_notice(order)
        self.assertAlmostEqual(notice.approved_exposure, 10000.0)
        # +5%: within the tolerance.
        self.make_invoice(customer, 500.0)
        partial = self.ship(order, qty=2.0)
        self.assertEqual(partial.state, "done")
        # +15% in all: beyond it.
        self.make_invoice(customer, 1000.0)
        with self.assertUserError("grew from"):
            self.ship(order)
        picking = self.open_delivery(order)
        with self.assertRaises(AccessError):
            picking.with_user(self.users["warehouse"]).action_dispatch_credit_override()
        wizard_action = picking.with_user(self.users["gm"]).action_dispatch_credit_override()
        wizard_model = self.env[wizard_action["res_model"]].with_user(self.users["gm"])
        with self.assertUserError("Give the reason"):
            wizard_model.create({"picking_id": picking.id, "reason": " "}).action_confirm()
        picking.move_ids.quantity = 8.0
        picking.move_ids.picked = True
        wizard_model.create({"picking_id": picking.id, "reason": "Customer paid by bank draft today"}).with_context(
            skip_backorder=True
        ).action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertRecordValues(
            picking,
            [
                {
                    "dispatch_override_by_id": self.users["gm"].id,
                    "dispatch_override_reason": "Customer paid by bank draft today",
                }
            ],
        )
        self.assertTrue(picking.dispatch_override_date)
        bodies = " ".join(picking.message_ids.mapped("body"))
        self.assertIn("Customer paid by bank draft today", bodies)
        self.assertIn("Validated under the credit override", bodies)

    def test_notices_approved_later_do_not_count_as_growth(self):
        """DG-5/DG-4: a notice approved after this one already saw it; its exposure is no growth."""
        customer = self.make_customer("Lishui Knitting", grade="b", limit=100000.0)
        first_order = self.confirmed_order(customer, qty=10.0)
        first = self.approved_notice(first_order)
        second_order = self.confirmed_order(customer, qty=50.0)
        second = self.approved_notice(second_order)
        self.assertAlmostEqual(second.approved_exposure, 1000.0)
        self.assertEqual(self.ship(first_order).state, "done")
        self.assertEqual(first.state, "done")
