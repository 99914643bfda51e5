# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PriceCase


class TestPhoneAuthorization(PriceCase):
    def _authorize(self, order, approver="manager", at="2026-11-20 10:00", price=93):
        return (
            self.env["sales.phone.authorization"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "order_id": order.id,
                    "approver_id": self.users[approver].id,
                    "authorized_at": self.dt(at),
                    "product_id": self.fibre.id,
                    "price": price,
                }
            )
        )

    def test_phone_authorisation_lets_quotation_proceed_and_is_due_in_working_days(self):
        """PC-8: the salesperson records approver, time and price; the quotation may proceed; the
        post-hoc approval is due two working days later (Friday call: due Tuesday evening)."""
        order = self._order([(self.fibre, 93)])
        self.assertEqual(order.sales_price_approval_level, "manager")
        auth = self._authorize(order)
        self.assertEqual(auth.salesperson_id, self.users["specialist"])
        self.assertEqual(auth.approver_level, "manager")
        self.assertEqual(auth.deadline, self.dt("2026-11-24 17:00"))
        order.invalidate_recordset()
        self.assertFalse(order.sales_price_approval_level)
        self.assertFalse(order.sales_price_outside_authority)
        self.assertIn(self.users["manager"], auth.activity_ids.user_id)

    def test_only_the_approver_confirms(self):
        """PC-8 / X-5: the salesperson cannot confirm; the approver can, once."""
        auth = self._authorize(self._order([(self.fibre, 93)]))
        with self.assertRaisesRegex(AccessError, "SCT manager"):
            auth.with_user(self.users["specialist"]).action_confirm()
        auth.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(auth.state, "confirmed")
        with self.assertRaises(UserError):
            auth.with_user(self.users["manager"]).action_confirm()
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            auth.with_user(self.users["specialist"]).price = 80

    def test_approver_must_hold_the_needed_level(self):
        """PC-8: a supervisor cannot authorise a price that needs the sales manager."""
        with self.assertRaises(ValidationError):
            self._authorize(self._order([(self.fibre, 93)]), approver="supervisor")

    def test_overdue_list_across_weekend(self):
        """PC-8: the overdue list counts working days: on Monday a Friday call is not overdue,
        on Wednesday it is."""
        auth = self._authorize(self._order([(self.fibre, 93)]))
        overdue = self.env["sales.phone.authorization"]
        self.assertFalse(overdue.search(overdue._overdue_domain(self.dt("2026-11-23 12:00")) + [("id", "=", auth.id)]))
        self.assertEqual(
            overdue.search(overdue._overdue_domain(self.dt("2026-11-25 09:00")) + [("id", "=", auth.id)]), auth
        )

    def test_never_confirmed_on_closed_deal_is_a_violation(self):
        """PC-9: a phone authorisation never confirmed by its deadline on a closed deal creates a
        quotation_outside_authority violation, once (the job is idempotent)."""
        order = self._order([(self.fibre, 93)])
        auth = self._authorize(order)
        self._confirm(order)
        self.assertEqual(order.state, "sale")
        model = self.env["sales.phone.authorization"]
        self.assertFalse(model._cron_report_unconfirmed(now=self.dt("2026-11-24 12:00")))
        reported = model._cron_report_unconfirmed(now=self.dt("2026-11-26 09:00"))
        self.assertEqual(reported, auth)
        self.assertEqual(auth.state, "expired")
        self.assertEqual(auth.violation_id.rule_id.code, "quotation_outside_authority")
        self.assertEqual(auth.violation_id.person_id, self.users["specialist"])
        self.assertFalse(model._cron_report_unconfirmed(now=self.dt("2026-11-27 09:00")))

    def test_authorisation_covers_only_its_product_at_or_above_its_price(self):
        """PC-8 / PC-9: a phone authorisation covers only the lines of its product sold at or above the
        authorised price (per unit of the product): going below it afterwards, or another product
        below base, still needs approval, and a confirmation then is outside authority."""
        order = self._order([(self.fibre, 96)])
        self.assertEqual(order.sales_price_approval_level, "supervisor")
        auth = self._authorize(order, price=96)
        order.invalidate_recordset()
        self.assertFalse(order.sales_price_approval_level)
        order.order_line.write({"product_uom": self.uom_dozen.id, "price_unit": 1152})
        self.assertFalse(order.sales_price_approval_level, "96 per unit, sold by the dozen")
        order.order_line.write({"product_uom": self.uom_unit.id, "price_unit": 93})
        self.assertEqual(order.sales_price_approval_level, "manager", "lower than the manager authorised")
        auth.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(order.sales_price_approval_level, "manager", "confirming 96 does not cover 93")
        specialist_rank = order._sales_price_uncovered_rank()[order]
        self.assertTrue(specialist_rank, "confirmed by the specialist, the deal would be a violation")
        order.order_line.price_unit = 96
        order.order_line = [Command.create({"product_id": self.yarn.id, "price_unit": 190})]
        self.assertEqual(order.sales_price_approval_level, "supervisor", "the yarn line is not covered")
        with self.assertRaises(ValidationError):
            self.env["sales.phone.authorization"].with_user(self.users["specialist"]).create(
                {"order_id": order.id, "approver_id": self.users["manager"].id, "price": 96}
            )
