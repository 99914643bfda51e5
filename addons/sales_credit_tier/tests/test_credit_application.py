# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditApplication(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_customer = cls.make_customer("Shandong Lutai Home Textiles")
        cls.existing = cls.make_customer("Jiangsu Xinhua Weaving", grade="b", limit=50000.0)

    def apply(self, partner, role="specialist", **values):
        vals = {
            "partner_id": partner.id,
            "requested_grade": "b",
            "requested_limit": 200000.0,
            "requested_payment_term_id": self.term_30.id,
            "justification": "Visited the plant; supplies two national brands.",
            "customer_scale": "large",
        }
        vals.update(values)
        return self.env["sales.credit.application"].with_user(self.users[role]).create(vals)

    def test_new_customer_specialist_manager_general_manager(self):
        """CT-5: new customer: specialist applies, sales manager then general manager approve; history kept."""
        application = self.apply(self.new_customer)
        self.assertEqual(application.application_type, "new")
        self.assertTrue(application.name.startswith("XYSQ/"))
        application.request_validation()
        self.assertEqual(len(application.review_ids), 2)
        self.assertFalse(application.with_user(self.users["specialist"]).can_review)
        application.with_user(self.users["manager"]).validate_tier()
        self.assertEqual(application.state, "draft")
        application.with_user(self.users["gm"]).validate_tier()
        self.assertEqual(application.state, "approved")
        customer = self.new_customer
        self.assertEqual(customer.credit_grade, "b")
        self.assertEqual(customer.credit_limit, 200000.0)
        self.assertEqual(customer.property_payment_term_id, self.term_30)
        self.assertEqual(customer.credit_approved_by_id, self.users["gm"])
        self.assertEqual(customer.credit_last_review_date, self.today)
        history = customer.credit_change_ids
        self.assertEqual(set(history.mapped("field")), {"credit_grade", "credit_limit", "payment_term"})
        grade_change = history.filtered(lambda c: c.field == "credit_grade")
        self.assertRecordValues(
            grade_change,
            [
                {
                    "old_value": "Ungraded",
                    "new_value": "B",
                    "source": "application",
                    "approved_by_id": self.users["gm"].id,
                }
            ],
        )
        self.assertIn("Visited the plant", grade_change.reason)
        with self.assertRaises(UserError):
            grade_change.write({"new_value": "A"})
        with self.assertRaises(UserError):
            grade_change.unlink()

    def test_approval_needs_the_tiers(self):
        """CT-5: the specialist cannot approve alone nor change the grade directly."""
        application = self.apply(self.new_customer)
        with self.assertRaises(ValidationError):
            application.with_user(self.users["specialist"]).action_approve()
        with self.assertRaises(AccessError):
            self.new_customer.with_user(self.users["specialist"]).write({"credit_grade": "a"})
        self.assertFalse(self.new_customer.credit_grade)

    def test_existing_customer_finance_then_general_manager(self):
        """CT-5: existing customer: finance reviews with the trading history, then the general manager."""
        self.make_invoice(self.existing, 3000.0, days_ago=200)
        self.make_invoice(self.existing, 1200.0, days_ago=20)
        application = self.apply(self.existing, requested_limit=80000.0)
        self.assertRecordValues(
            application,
            [
                {
                    "application_type": "change",
                    "current_grade": "b",
                    "current_limit": 50000.0,
                    "six_month_sales": 1200.0,
                    "receivable": 4200.0,
                    "trading_months": 6,
                }
            ],
        )
        application.request_validation()
        self.assertEqual(
            application.review_ids.sorted("sequence").definition_id.reviewer_group_id,
            self.env.ref("sales_doc_control.group_sales_finance_reviewer")
            | self.env.ref("sales_doc_control.group_sales_general_manager"),
        )
        application.with_user(self.users["finance"]).validate_tier()
        application.with_user(self.users["gm"]).validate_tier()
        self.assertEqual(application.state, "approved")
        self.assertEqual(self.existing.credit_limit, 80000.0)
        limit_change = self.existing.credit_change_ids.filtered(lambda c: c.field == "credit_limit")
        self.assertEqual(limit_change.application_id, application)

    def test_rejection_and_locking(self):
        """CT-5/X-6: a rejected application is kept unchanged; a decided one cannot be deleted."""
        application = self.apply(self.new_customer)
        application.request_validation()
        application.with_user(self.users["manager"]).reject_tier()
        self.assertEqual(application.state, "rejected")
        self.assertFalse(self.new_customer.credit_grade)
        with self.assertRaises(UserError):
            application.with_user(self.users["manager"]).write({"requested_limit": 1.0})
        # The context key the approval once used to record its approver opens nothing to an RPC client.
        with self.assertRaises(UserError):
            application.with_user(self.users["manager"]).with_context(credit_application_apply=True).write(
                {"justification": "Rewritten after the decision."}
            )
        with self.assertRaises(UserError):
            application.with_user(self.users["manager"]).unlink()

    def test_grade_c_gets_no_limit(self):
        """CT-2: grade C and D get a credit limit of 0; grade B needs one."""
        with self.assertRaises(ValidationError):
            self.apply(self.new_customer, requested_grade="c", requested_limit=1000.0)
        with self.assertRaises(ValidationError):
            self.apply(self.new_customer, requested_grade="b", requested_limit=0.0)

    def test_roles(self):
        """X-5: other specialists do not see the application; the gate guard sees nothing."""
        application = self.apply(self.new_customer)
        self.assertFalse(
            self.env["sales.credit.application"]
            .with_user(self.users["specialist2"])
            .search([("id", "=", application.id)])
        )
        self.assertTrue(
            self.env["sales.credit.application"].with_user(self.users["finance"]).search([("id", "=", application.id)])
        )
        with self.assertRaises(AccessError):
            self.env["sales.credit.application"].with_user(self.users["guard"]).search([])
        with self.assertRaises(AccessError):
            self.apply(self.new_customer, role="legal")
