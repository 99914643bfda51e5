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

    def convert(self, lead, role="specialist", action="create", partner=None):
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.users[role])
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"name": "convert", "action": action, "partner_id": partner.id if partner else False})
        )
        wizard.action_apply()

    def test_conversion_opens_credit_application(self):
        """CT-10: converting a lead into a customer opens the CT-5 credit application of the customer, once."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "name": "Shengze weaver",
                    "type": "lead",
                    "partner_name": "Shengze Weaving Co.",
                    "contact_name": "Mr Wu",
                    "user_id": self.users["specialist"].id,
                    "prospect_scale": "large",
                    "prospect_product_needs": "FDY 75D, 20 t a month",
                    "prospect_credit_grade": "b",
                    "prospect_credit_limit": 80000.0,
                    "prospect_payment_term_id": self.term_30.id,
                }
            )
        )
        self.convert(lead)
        customer = lead.partner_id.commercial_partner_id
        self.assertTrue(customer)
        application = self.env["sales.credit.application"].search([("partner_id", "=", customer.id)])
        self.assertRecordValues(
            application,
            [
                {
                    "state": "draft",
                    "application_type": "new",
                    "requested_grade": "b",
                    "requested_limit": 80000.0,
                    "requested_payment_term_id": self.term_30.id,
                    "customer_scale": "large",
                    "user_id": self.users["specialist"].id,
                }
            ],
        )
        self.assertIn("FDY 75D", application.justification)
        # A second lead of the same customer opens nothing more.
        second = self.env["crm.lead"].create(
            {"name": "Second order", "type": "lead", "user_id": self.users["specialist"].id}
        )
        self.convert(second, action="exist", partner=customer)
        self.assertEqual(self.env["sales.credit.application"].search_count([("partner_id", "=", customer.id)]), 1)

    def test_conversion_without_proposal_asks_cash_grade_c(self):
        """CT-10: without a proposed grade the application asks grade C and immediate payment.

        Customers that already have a grade get no application.
        """
        lead = self.env["crm.lead"].create({"name": "Walk-in", "type": "lead", "partner_name": "Walk-in Dyeing"})
        self.convert(lead, role="manager")
        application = self.env["sales.credit.application"].search([("partner_id", "=", lead.partner_id.id)])
        self.assertRecordValues(
            application,
            [{"requested_grade": "c", "requested_limit": 0.0, "requested_payment_term_id": self.cash_term.id}],
        )
        graded = self.make_customer("Graded weaver", grade="a")
        other = self.env["crm.lead"].create({"name": "Repeat", "type": "lead"})
        self.convert(other, role="manager", action="exist", partner=graded)
        self.assertFalse(self.env["sales.credit.application"].search([("partner_id", "=", graded.id)]))

    def test_development_log_lists_done_activities(self):
        """CT-10: an activity marked done on a lead appears in the development log of its specialist."""
        specialist = self.users["specialist"]
        lead = self.env["crm.lead"].create({"name": "Jiaxing knitter", "type": "lead", "user_id": specialist.id})
        call = self.env.ref("mail.mail_activity_data_call")
        activity = lead.with_user(specialist).activity_schedule(activity_type_id=call.id, user_id=specialist.id)
        log = self.env["sales.development.log"]
        self.env.flush_all()
        self.assertFalse(log.search([("lead_id", "=", lead.id)]), "an open activity is not logged yet")
        activity.with_user(specialist).action_feedback(feedback="Visited the plant, samples requested")
        self.env.flush_all()
        rows = log.with_user(specialist).search([("lead_id", "=", lead.id)])
        self.assertRecordValues(rows, [{"user_id": specialist.id, "activity_type_id": call.id}])
        self.assertFalse(log.with_user(self.users["specialist2"]).search([("lead_id", "=", lead.id)]))
        self.assertEqual(log.with_user(self.users["supervisor"]).search([("lead_id", "=", lead.id)]), rows)
        groups = log.with_user(self.users["manager"])._read_group(
            [("lead_id", "=", lead.id)], ["user_id", "date:month"], ["__count"]
        )
        self.assertEqual([(user, count) for user, _month, count in groups], [(specialist, 1)])
        with self.assertRaises(AccessError):
            log.with_user(self.users["guard"]).search([])
