# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestDevelopmentPlan(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1) or cls.env["crm.stage"].create(
            {"name": "Won", "is_won": True}
        )

    def make_plan(self, role="specialist"):
        return (
            self.env["sales.development.plan"]
            .with_user(self.users[role])
            .create({"year": 2030, "half": "2", "target_count": 4, "plan": "Visit the weavers of Shengze."})
        )

    def test_plan_is_approved_by_the_sales_manager(self):
        """CT-10: the half-year development plan takes effect once the sales manager approves it."""
        plan = self.make_plan()
        with self.assertRaises(ValidationError):
            plan.with_user(self.users["specialist"]).write({"state": "approved"})
        plan.request_validation()
        self.assertFalse(plan.with_user(self.users["specialist"]).can_review)
        plan.with_user(self.users["manager"]).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_plan_against_actual_by_quarter(self):
        """CT-10: the quarterly plan-vs-actual counts the specialist's won leads in each quarter."""
        plan = self.make_plan()
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Prospect {index}",
                    "user_id": self.users["specialist"].id,
                    "prospect_scale": "large",
                    "prospect_product_needs": "Polyester DTY 150D, 40 t a month",
                    "prospect_current_suppliers": "Two local spinners, average quality, 3 years",
                    "development_plan_id": plan.id,
                }
                for index in range(3)
            ]
        )
        leads.write({"stage_id": self.won_stage.id})
        leads[0].date_closed = datetime(2030, 8, 10)
        leads[1].date_closed = datetime(2030, 11, 3)
        leads[2].date_closed = datetime(2030, 12, 20)
        plan.invalidate_recordset()
        self.assertRecordValues(
            plan, [{"won_first_quarter": 1, "won_second_quarter": 2, "won_count": 3, "achievement": 75.0}]
        )
        self.assertEqual(plan.lead_ids, leads)

    def test_roles(self):
        """X-5: a specialist sees only their own plans; the gate guard none."""
        plan = self.make_plan()
        self.assertFalse(
            self.env["sales.development.plan"].with_user(self.users["specialist2"]).search([("id", "=", plan.id)])
        )
        self.assertTrue(
            self.env["sales.development.plan"].with_user(self.users["supervisor"]).search([("id", "=", plan.id)])
        )
        with self.assertRaises(AccessError):
            self.env["sales.development.plan"].with_user(self.users["guard"]).search([])
