# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditFileRegister(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer("Zhejiang Hengyi Fibre")

    def apply(self):
        return (
            self.env["sales.credit.application"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "requested_grade": "b",
                    "requested_limit": 100000.0,
                    "justification": "Three years of punctual payments.",
                }
            )
        )

    def register_rows(self, application):
        # The general manager reads every confidential register row.
        return (
            self.env["sales.document"]
            .with_user(self.users["gm"])
            .search([("res_model", "=", "sales.credit.application"), ("res_id", "=", application.id)])
        )

    def test_decided_application_is_filed_in_the_credit_file(self):
        """DC-8/AL-1/AL-2: an approved credit application is registered as the customer's credit file
        (客户信用档案), confidential, under the customer; a draft is not filed yet."""
        application = self.apply()
        self.assertFalse(self.register_rows(application), "a draft application is not filed yet")
        application.request_validation()
        application.with_user(self.users["manager"]).validate_tier()
        application.with_user(self.users["gm"]).validate_tier()
        self.assertEqual(application.state, "approved")
        row = self.register_rows(application)
        self.assertRecordValues(
            row,
            [
                {
                    "partner_id": self.customer.id,
                    "confidentiality": "confidential",
                    "state_key": "approved",
                    "record_deleted": False,
                }
            ],
        )
        self.assertEqual(row.type_id.code, "credit_file")
        self.assertEqual(application.sales_document_id, row)
        with self.assertRaises(UserError):
            application.with_user(self.users["manager"]).unlink()
        self.assertTrue(row.exists())

    def test_rejected_application_is_filed_and_a_cancelled_draft_is_not(self):
        """DC-8/AL-1: a rejected application is part of the credit file too; a cancelled draft was never
        decided, is not filed and may still be deleted by the sales manager."""
        rejected = self.apply()
        rejected.request_validation()
        rejected.with_user(self.users["manager"]).reject_tier()
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(self.register_rows(rejected).type_id.code, "credit_file")
        self.assertEqual(self.register_rows(rejected).state_key, "rejected")
        cancelled = self.apply()
        cancelled.with_user(self.users["specialist"]).action_cancel()
        self.assertFalse(self.register_rows(cancelled))
        cancelled.with_user(self.users["manager"]).unlink()
        self.assertFalse(cancelled.exists())
