# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .sale_common import SaleApprovalCase


class TestOrderIntake(SaleApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create({"name": "SCT 8-17", "tz": "UTC"})

    def test_timeline_records_received_reviewed_confirmed_and_signed(self):
        """DC-7: the tracking timeline is recorded from the order's events, with its source."""
        order = self._quotation(sales_order_source="phone")
        self._approve_quotation(order)
        order.with_user(self.users["gm"]).action_confirm()
        order.write({"signed_by": "Customer buyer", "signed_on": datetime(2026, 11, 24, 9, 0)})
        events = order.sales_event_ids.mapped("event")
        self.assertEqual(events[0], "received")
        self.assertEqual(order.sales_event_ids[0].note, "Customer: phone")
        for event in ("reviewed", "confirmed", "signed"):
            self.assertIn(event, events)
        order._sales_record_event("shipped", note="Truck 浙A12345")
        self.assertEqual(order.sales_event_ids[-1].event, "shipped")

    def test_accuracy_and_on_time_rates(self):
        """DC-7: the report gives order accuracy (no contract change) and on-time delivery rates."""
        on_time = self._quotation()
        on_time.commitment_date = datetime(2026, 12, 10)
        late = self._quotation()
        late.commitment_date = datetime(2026, 12, 1)
        for order in on_time | late:
            order.with_user(self.users["gm"]).action_confirm()
        on_time._sales_record_event("shipped", date=datetime(2026, 12, 5))
        late._sales_record_event("shipped", date=datetime(2026, 12, 5))
        amendment = self.env["sales.contract.amendment"].create(
            {
                "order_id": late.id,
                "amendment_type": "quantity",
                "reason": "More",
                "line_ids": [(0, 0, {"order_line_id": late.order_line.id, "new_quantity": 11})],
            }
        )
        amendment.with_user(self.users["gm"]).request_validation()
        self._decide(amendment, "gm")
        amendment.with_user(self.users["gm"]).action_apply()
        self.env.flush_all()
        report = self.env["sales.order.intake.report"].with_user(self.users["supervisor"])
        rows = report.search([("order_id", "in", (on_time | late).ids)])
        self.assertEqual(len(rows), 2)
        [group] = report._read_group(
            [("order_id", "in", (on_time | late).ids)], [], ["accuracy_rate:avg", "on_time_rate:avg"]
        )
        self.assertEqual(group, (50.0, 50.0))
        with self.assertRaises(AccessError):
            self.env["sales.order.intake.report"].with_user(self.users["specialist"]).search([])

    def test_lead_time_band_proposes_a_working_day_delivery_date(self):
        """DC-7: the lead-time table (≤10 units: 3 working days, ≤50: 7, containers) proposes the date."""
        with freeze_time(datetime(2026, 11, 23, 9, 0)):  # a Monday
            small = self._quotation(qty=8)
            self.assertEqual(small.sales_lead_time_rule_id, self.env.ref("sales_doc_control.lead_time_up_to_10"))
            self.assertEqual(small.sales_proposed_commitment_date.date(), datetime(2026, 11, 25).date())
            medium = self._quotation(qty=40)
            self.assertEqual(medium.sales_lead_time_rule_id, self.env.ref("sales_doc_control.lead_time_up_to_50"))
            self.assertEqual(medium.sales_proposed_commitment_date.date(), datetime(2026, 12, 1).date())
            medium.action_sales_use_proposed_date()
            self.assertEqual(medium.commitment_date, medium.sales_proposed_commitment_date)

    def test_non_regular_orders_need_their_deposit(self):
        """DC-7: non-regular orders need the configured deposit, custom-made ones the full amount."""
        self.company.sales_deposit_percent = 30.0
        self.product.sales_non_regular = True
        order = self._quotation(qty=10, price=100.0)
        self.assertEqual(order.sales_deposit_required, order.currency_id.round(order.amount_total * 0.3))
        with self.assertRaisesRegex(UserError, "needs a deposit"):
            order.with_user(self.users["gm"]).action_confirm()
        with self.assertRaises(AccessError):
            order.with_user(self.users["specialist"]).sales_deposit_received = order.amount_total
        order.with_user(self.users["finance"]).sales_deposit_received = order.sales_deposit_required
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.product.sales_custom_made = True
        custom = self._quotation(qty=1, price=100.0)
        self.assertEqual(custom.sales_deposit_required, custom.amount_total)

    def test_checklist_required_by_setting(self):
        """DC-7: when the company requires it, the intake checklist must be complete before confirmation."""
        self.company.sales_intake_checklist_required = True
        order = self._quotation()
        with self.assertRaisesRegex(UserError, "intake checklist is not complete"):
            order.with_user(self.users["gm"]).action_confirm()
        self.customer.write(
            {
                "email": "buyer@example.com",
                "phone": "0571-88888888",
                "street": "1 Fibre Road",
                "city": "Hangzhou",
                "sales_business_scope": "Textiles",
                "industry_id": self.env["res.partner.industry"].create({"name": "SCT Textiles"}).id,
            }
        )
        order.write({"sales_check_availability": True, "sales_check_delivery_date": True})
        self.assertTrue(order.sales_intake_complete)
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(order.state, "sale")
