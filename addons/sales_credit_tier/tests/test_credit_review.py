# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditReview(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.silent = cls.make_customer("Five months silent", grade="b", limit=5000.0)
        cls.make_invoice(cls.silent, 100.0, days_ago=160, due_days=0)
        cls.pay(cls.silent.invoice_ids, 100.0)
        cls.good = cls.make_customer("Regular B customer", grade="b", limit=5000.0)
        cls.make_invoice(cls.good, 300.0, days_ago=10, due_days=30)
        cls.trading_new = cls.make_customer("Ungraded, trading for half a year")
        cls.make_invoice(cls.trading_new, 200.0, days_ago=200, due_days=0)
        cls.pay(cls.trading_new.invoice_ids, 200.0)
        cls.make_invoice(cls.trading_new, 200.0, days_ago=20, due_days=30)
        cls.fresh = cls.make_customer("Ungraded, first order last month")
        cls.make_invoice(cls.fresh, 50.0, days_ago=30, due_days=60)

    def new_review(self):
        return self.env["sales.credit.review"].with_user(self.users["manager"]).create({"name": "Test review"})

    def test_review_lines_facts_and_proposals(self):
        """CT-6: one line per graded customer and per ungraded customer trading for six months, with facts."""
        review = self.new_review()
        review.action_generate_lines()
        lines = review.line_ids
        self.assertIn(self.silent, lines.partner_id)
        self.assertIn(self.trading_new, lines.partner_id)
        self.assertNotIn(self.fresh, lines.partner_id)
        silent = lines.filtered(lambda line: line.partner_id == self.silent)
        self.assertRecordValues(
            silent, [{"months_inactive": 5, "current_grade": "b", "proposed_grade": "c", "decided_grade": "c"}]
        )
        good = lines.filtered(lambda line: line.partner_id == self.good)
        self.assertRecordValues(good, [{"six_month_sales": 300.0, "proposed_grade": "b", "overdue_amount": 0.0}])
        review.action_generate_lines()
        self.assertEqual(review.line_ids, lines, "collecting twice adds nothing")

    def test_finance_then_gm_approve_then_apply(self):
        """CT-6: finance then the general manager approve; applying updates the customers in one go."""
        review = self.new_review()
        review.action_generate_lines()
        good = review.line_ids.filtered(lambda line: line.partner_id == self.good)
        good.with_user(self.users["manager"]).write({"decided_grade": "a", "note": "Leading weaver"})
        review.request_validation()
        with self.assertRaises(UserError):
            review.with_user(self.users["manager"]).action_apply()
        review.with_user(self.users["finance"]).validate_tier()
        self.assertEqual(review.state, "draft")
        review.with_user(self.users["gm"]).validate_tier()
        self.assertEqual(review.state, "approved")
        with self.assertRaises(UserError):
            good.with_user(self.users["manager"]).write({"decided_grade": "b"})
        review.with_user(self.users["manager"]).action_apply()
        self.assertEqual(review.state, "applied")
        self.assertEqual(self.good.credit_grade, "a")
        self.assertEqual(self.silent.credit_grade, "c")
        self.assertEqual(self.silent.credit_limit, 0.0)
        self.assertEqual(self.trading_new.credit_grade, "b")
        self.assertEqual(self.good.credit_last_review_date, review.date)
        self.assertEqual(self.good.credit_approved_by_id, self.users["gm"])
        change = self.good.credit_change_ids.filtered(lambda c: c.source == "review" and c.field == "credit_grade")
        self.assertRecordValues(change, [{"old_value": "B", "new_value": "A"}])
        noted = self.good.message_ids.filtered(lambda m: review.name in (m.body or ""))
        self.assertEqual(len(noted), 1, "one chatter note per changed customer")
        with self.assertRaises(UserError):
            review.unlink()

    def test_review_form_print(self):
        """CT-6: the printed review form lists each customer with facts, grades, decisions and approvers."""
        review = self.new_review()
        review.action_generate_lines()
        review.request_validation()
        review.with_user(self.users["finance"]).validate_tier()
        review.with_user(self.users["gm"]).validate_tier()
        report = self.env.ref("sales_credit_tier.action_report_credit_review")
        html = str(report.with_user(self.users["manager"])._render_qweb_html(report.report_name, review.ids)[0])
        for customer in (self.silent, self.good, self.trading_new):
            self.assertIn(customer.name, html)
        self.assertNotIn(self.fresh.name, html)
        self.assertIn("Semiannual Credit Review", html)
        silent_row = re.search(rf"<tr>(?:(?!</tr>).)*{self.silent.name}(?:(?!</tr>).)*</tr>", html, re.S)
        # Current grade B, proposed and decided grade C for the customer silent for five months.
        self.assertRegex(silent_row.group(0), r"(?s)>B<.*>C<.*>C<")
        self.assertIn(self.users["gm"].name, html)
        self.assertIn(self.users["finance"].name, html)

    def test_reminder_opens_one_review_per_period(self):
        """CT-6: on 1 June a review is opened and the sales managers reminded, once."""
        reviews = self.env["sales.credit.review"].sudo()
        reviews._open_period_reviews(date(2030, 6, 1))
        reviews._open_period_reviews(date(2030, 6, 1))
        opened = reviews.search([("name", "=", "2030 June"), ("company_id", "=", self.company.id)])
        self.assertEqual(len(opened), 1)
        self.assertIn(self.users["manager"], opened.activity_ids.user_id)
        self.assertEqual(len(opened.activity_ids.filtered(lambda a: a.user_id == self.users["manager"])), 1)

    def test_roles(self):
        """X-5: specialists and the gate guard do not see credit reviews."""
        for role in ("specialist", "guard"):
            with self.assertRaises(AccessError):
                self.env["sales.credit.review"].with_user(self.users[role]).search([])
