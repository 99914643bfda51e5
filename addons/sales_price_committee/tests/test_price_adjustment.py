# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PriceCase


class TestPriceAdjustment(PriceCase):
    def test_chain_manager_committee_gm_creates_new_version(self):
        """PC-5: a finance proposal with reason C goes to the sales manager, the committee and the
        general manager (tiers linked to base_price_adjustment); approval makes a new active version
        recording old and new price and the reason."""
        adjustment = (
            self.env["sales.price.adjustment"]
            .with_user(self.users["finance"])
            .create(
                {
                    "department": "finance",
                    "reason_category": "cost",
                    "supporting_data": "Cost after stable production",
                    "line_ids": [
                        Command.create({"product_id": self.fibre.id, "new_price": 95, "reason": "Lower cost"})
                    ],
                }
            )
        )
        self.assertEqual(adjustment.line_ids.old_price, 100)
        self.assertAlmostEqual(adjustment.line_ids.change_percent, -5.0)
        adjustment.request_validation()
        reviews = adjustment.review_ids.sorted("sequence")
        self.assertEqual(
            reviews.definition_id.reviewer_group_id,
            self.env.ref("sales_doc_control.group_sales_manager")
            | self.env.ref("sales_doc_control.group_sales_price_committee")
            | self.env.ref("sales_doc_control.group_sales_general_manager"),
        )
        self.assertEqual(
            reviews.definition_id.authority_matter_id,
            self.env.ref("sales_doc_control.authority_matter_base_price_adjustment"),
        )
        with self.assertRaises(AccessError):
            adjustment.with_user(self.users["manager"]).action_approve()
        self._validate(adjustment, "manager")
        self._validate(adjustment, "committee")
        self.assertEqual(reviews.mapped("status"), ["approved", "approved", "pending"])
        self._validate(adjustment, "gm")
        adjustment.with_user(self.users["gm"]).action_approve()
        self.assertEqual(adjustment.state, "approved")
        new = adjustment.table_id
        self.assertEqual(new.state, "active")
        self.assertEqual(new.previous_id, self.table)
        self.assertEqual(self.table.state, "superseded")
        prices = {line.product_id: (line.price, line.change_reason) for line in new.line_ids}
        self.assertEqual(prices, {self.fibre: (95, "Lower cost"), self.yarn: (200, False)})
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            adjustment.with_user(self.users["manager"]).line_ids.new_price = 90
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            adjustment.with_user(self.users["manager"]).reason_category = "market"
        with self.assertRaises(UserError):
            adjustment.with_user(self.users["manager"]).unlink()

    def test_committee_reviews_only_after_the_sales_manager(self):
        """PC-5: the reviews follow the chain: the committee cannot approve before the sales manager."""
        adjustment = self.env["sales.price.adjustment"].create(
            {
                "reason_category": "market",
                "line_ids": [Command.create({"product_id": self.fibre.id, "new_price": 120, "reason": "Market"})],
            }
        )
        adjustment.request_validation()
        self._validate(adjustment, "committee")
        self.assertFalse(adjustment.review_ids.filtered(lambda review: review.status == "approved"))
        with self.assertRaises(ValidationError):
            adjustment.with_user(self.users["committee"]).sudo().write({"state": "approved"})
        self.assertEqual(adjustment.state, "draft")
        self.assertEqual(self.table.state, "active")

    def _put_into_force(self, product, price, days):
        adjustment = self.env["sales.price.adjustment"].create(
            {
                "reason_category": "market",
                "date_effective": date.today() + timedelta(days=days),
                "line_ids": [Command.create({"product_id": product.id, "new_price": price, "reason": f"+{days} days"})],
            }
        )
        adjustment.request_validation()
        for role in ("manager", "committee", "gm"):
            self._validate(adjustment, role)
        adjustment.with_user(self.users["gm"]).action_approve()
        return adjustment

    def test_future_adjustments_do_not_undo_each_other(self):
        """PC-5 / X-6: a second future-dated adjustment starts from the version approved before it, so
        on its date both changes are in force; one dated before a version already approved for
        later is refused with what to do, since that version would undo it."""
        first = self._put_into_force(self.fibre, 101, 10)
        second = self._put_into_force(self.yarn, 202, 20)
        self.assertEqual((first.table_id.state, second.table_id.state), ("approved", "approved"))
        self.assertEqual(second.table_id.previous_id, self.env["sales.price.table"], "not active yet")
        tables = self.env["sales.price.table"]
        tables.search([("state", "=", "approved")])._activate_due(today=date.today() + timedelta(days=10))
        self.assertEqual(first.table_id.state, "active")
        tables.search([("state", "=", "approved")])._activate_due(today=date.today() + timedelta(days=20))
        self.assertEqual(second.table_id.state, "active")
        self.assertEqual(second.table_id.previous_id, first.table_id)
        prices = {line.product_id: line.price for line in second.table_id.line_ids}
        self.assertEqual(prices, {self.fibre: 101, self.yarn: 202}, "the first adjustment's price is kept")

        later = self._put_into_force(self.fibre, 105, 40)
        with self.assertRaisesRegex(UserError, "would undo them"):
            self._put_into_force(self.yarn, 210, 30)
        self.assertEqual(later.table_id.state, "approved")
        self.assertFalse(tables.search([("date_start", "=", date.today() + timedelta(days=30))]))
