# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import PriceCase


class TestOrderApproval(PriceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sales_quotation_approval = "price"
        cls.violations = cls.env["sales.violation"]

    def _price_review(self, order, level):
        tier = self.env.ref(f"sales_price_committee.tier_price_authority_{level}")
        return order.review_ids.filtered(lambda review: review.definition_id == tier)

    def test_outside_authority_flag_follows_the_lines_without_reloading(self):
        """PC-3 / DC-3: changing a line's price refreshes the order's "Price Outside Authority" flag
        and the quotation approval it requires at once, as in a form being edited."""
        order = self._order([(self.fibre, 100)]).with_user(self.users["specialist"])
        self.assertFalse(order.sales_price_outside_authority)
        self.assertFalse(order.sales_quotation_approval_required)
        order.order_line.price_unit = 96
        self.assertTrue(order.sales_price_outside_authority)
        self.assertTrue(order.sales_quotation_approval_required)
        order.order_line.price_unit = 99
        self.assertFalse(order.sales_price_outside_authority)

    def test_outside_authority_needs_approval_at_that_level_before_sending(self):
        """PC-3: a quotation beyond the salesperson's authority cannot be sent before approval
        at the needed level (tier definition linked to the quotation-approval matter)."""
        order = self._order([(self.fibre, 96)]).with_user(self.users["specialist"])
        self.assertTrue(order.sales_price_outside_authority)
        with self.assertRaises(UserError):
            order.action_quotation_sent()
        order.request_validation()
        review = self._price_review(order, "supervisor")
        self.assertTrue(review)
        self.assertFalse(self._price_review(order, "manager"))
        self.assertEqual(
            review.definition_id.authority_matter_id,
            self.env.ref("sales_doc_control.authority_matter_quotation_approval"),
        )
        self.assertNotIn(self.users["specialist"], review.reviewer_ids)
        # The supervisor first signs the quotation review of sales_doc_control, then the price review.
        self._validate(order, "supervisor")
        self._validate(order, "supervisor")
        self.assertEqual(review.status, "approved")
        order.invalidate_recordset()
        self.assertFalse(order.sales_price_approval_level)
        self.assertFalse(order.sales_price_outside_authority)
        # The sales manager's final quotation approval of sales_doc_control, then it may be sent.
        self._validate(order, "manager")
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_within_authority_needs_no_price_approval(self):
        """PC-3: a price within the specialist's band raises no price review."""
        order = self._order([(self.fibre, 98)])
        self.assertFalse(order.sales_price_outside_authority)
        self.assertFalse(order.sales_quotation_approval_required)

    def test_gm_level_cannot_be_approved_by_manager(self):
        """PC-3: a price beyond every band waits for the general manager."""
        order = self._order([(self.fibre, 80)]).with_user(self.users["specialist"])
        order.request_validation()
        review = self._price_review(order, "gm")
        self.assertTrue(review)
        self.assertNotIn(self.users["manager"], review.reviewer_ids)
        with self.assertRaises(ValidationError):
            order.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_deal_closed_outside_authority_without_approval_is_a_violation(self):
        """PC-9: with the approval tiers switched off, a deal closed outside authority records a
        quotation_outside_authority violation against the salesperson, once."""
        self.env["tier.definition"].search([("model", "=", "sale.order")]).active = False
        order = self._order([(self.fibre, 93)])
        order.with_user(self.users["specialist"]).sudo().action_confirm()
        self.assertEqual(order.state, "sale")
        violation = self.violations.search([("document_ref", "=", f"sale.order,{order.id}")])
        self.assertEqual(len(violation), 1)
        self.assertEqual(violation.rule_id.code, "quotation_outside_authority")
        self.assertEqual(violation.person_id, self.users["specialist"])
        self.assertEqual((violation.fine_min, violation.fine_max), (50, 500))
        self.assertIn(order.name, violation.description)
        order._sales_report_price_violations()
        self.assertEqual(self.violations.search_count([("document_ref", "=", f"sale.order,{order.id}")]), 1)

    def test_deal_within_authority_or_confirmed_by_superior_is_no_violation(self):
        """PC-9: no violation within authority, nor when a superior of the needed level confirms."""
        self.env["tier.definition"].search([("model", "=", "sale.order")]).active = False
        within = self._order([(self.fibre, 98)])
        within.action_confirm()
        by_manager = self._order([(self.fibre, 93)])
        by_manager.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(by_manager.state, "sale")
        self.assertFalse(
            self.violations.search([("document_ref", "in", [f"sale.order,{within.id}", f"sale.order,{by_manager.id}"])])
        )
