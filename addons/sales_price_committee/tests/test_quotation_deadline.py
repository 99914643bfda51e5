# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import PriceCase


class TestQuotationDeadline(PriceCase):
    def test_new_customer_deadline_skips_weekend_and_holiday(self):
        """PC-7: a new customer's Friday inquiry is due at the end of Tuesday; with Monday a public
        holiday (resource.calendar.leaves) it is due on Wednesday."""
        order = self._order([(self.fibre, 100)])
        order.sales_inquiry_date = self.dt("2026-11-20 10:00")
        self.assertTrue(order.sales_new_customer)
        self.assertEqual(order.sales_quotation_deadline, self.dt("2026-11-24 17:00"))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": self.dt("2026-11-23 00:00"),
                "date_to": self.dt("2026-11-23 23:59"),
            }
        )
        order.sales_inquiry_date = self.dt("2026-11-20 11:00")
        self.assertEqual(order.sales_quotation_deadline, self.dt("2026-11-25 17:00"))

    def test_overdue_list_across_weekend(self):
        """PC-7: the overdue list at fixed dates: a Friday inquiry is not overdue on Monday, is on
        Wednesday, and leaves the list once the quotation is sent."""
        self.company.sales_quotation_approval = "price"
        order = self._order([(self.fibre, 100)])
        order.sales_inquiry_date = self.dt("2026-11-20 10:00")
        orders = self.env["sale.order"]
        in_list = lambda now: orders.search(orders._sales_overdue_quotation_domain(now) + [("id", "=", order.id)])  # noqa: E731
        self.assertFalse(in_list(self.dt("2026-11-23 16:00")))
        self.assertEqual(in_list(self.dt("2026-11-25 08:00")), order)
        order.state = "sent"
        self.assertFalse(in_list(self.dt("2026-11-25 08:00")))

    def test_inquiry_date_tracked_and_kept_once_sent_and_later_holidays_move_open_deadlines(self):
        """PC-7: the salesperson's change of the inquiry date is tracked, and refused once the
        quotation is sent; a public holiday entered after the inquiry moves the open quotation's
        deadline through the daily job, so the Friday inquiry is still not overdue on Wednesday
        morning after the weekend; a sent quotation keeps its deadline."""
        self.company.sales_quotation_approval = "price"
        order = self._order([(self.fibre, 100)]).with_user(self.users["specialist"])
        self.env.flush_all()
        self.env.cr.precommit.run()  # creating and editing are separate transactions in the UI
        order.sales_inquiry_date = self.dt("2026-11-20 10:00")
        self.assertEqual(order.sales_quotation_deadline, self.dt("2026-11-24 17:00"))
        other = self._order([(self.yarn, 200)])
        other.sales_inquiry_date = self.dt("2026-11-20 10:00")
        self.env.flush_all()
        self.env.cr.precommit.run()
        order.invalidate_recordset()
        tracked = order.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "sales_inquiry_date"
        )
        self.assertTrue(tracked, "the change of the inquiry date is in the chatter")
        with self.assertRaisesRegex(UserError, "can only be set by its workflow"):
            order.write({"sales_quotation_deadline": self.dt("2026-12-31 17:00")})

        other.write({"state": "sent"})
        with self.assertRaisesRegex(UserError, "inquiry date is kept"):
            other.with_user(self.users["specialist"]).sales_inquiry_date = self.dt("2026-11-23 10:00")
        self.assertEqual(other.sales_inquiry_date, self.dt("2026-11-20 10:00"))

        # Monday is declared a public holiday after the inquiry: the job moves the open deadline.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": self.dt("2026-11-23 00:00"),
                "date_to": self.dt("2026-11-23 23:59"),
            }
        )
        orders = self.env["sale.order"]
        recounted = orders._cron_recompute_quotation_deadlines()
        self.assertIn(order, recounted)
        self.assertNotIn(other, recounted)
        self.assertEqual(order.sales_quotation_deadline, self.dt("2026-11-25 17:00"))
        self.assertEqual(other.sales_quotation_deadline, self.dt("2026-11-24 17:00"), "sent: judged as it was")
        overdue = orders._sales_overdue_quotation_domain(self.dt("2026-11-25 08:00")) + [("id", "=", order.id)]
        self.assertFalse(orders.search(overdue))
        overdue = orders._sales_overdue_quotation_domain(self.dt("2026-11-26 08:00")) + [("id", "=", order.id)]
        self.assertEqual(orders.search(overdue), order)

    def test_existing_customer_has_history_and_no_deadline(self):
        """PC-7: a customer with confirmed orders is not new; the quotation shows its volume,
        tenure and orders, computed in one query for many orders."""
        first = self._order([(self.fibre, 100, 0.0, self.uom_unit, 5)])
        self._confirm(first)
        orders = self._order([(self.fibre, 100)]) | self._order([(self.yarn, 200)])
        self.assertFalse(orders[0].sales_new_customer)
        self.assertFalse(orders[0].sales_quotation_deadline)
        orders.invalidate_recordset()
        # One grouped query for all orders, then the customers' and currencies' names.
        with self.assertQueryCount(3):
            orders.mapped("sales_customer_order_count")
        self.assertEqual(orders[0].sales_customer_order_count, 1)
        self.assertAlmostEqual(orders[0].sales_customer_amount, 500.0)
        self.assertEqual(orders[0].sales_customer_since, first.date_order.date())
        self.customer.credit_limit = 50000
        orders.invalidate_recordset()
        supervisor_view = orders[0].with_user(self.users["supervisor"]).read(["sales_customer_credit_limit"])
        self.assertEqual(supervisor_view[0]["sales_customer_credit_limit"], 50000)
        with self.assertRaises(AccessError):
            orders[0].with_user(self.users["specialist"]).read(["sales_customer_credit_limit"])
