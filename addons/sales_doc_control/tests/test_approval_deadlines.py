# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from .sale_common import SaleApprovalCase

MONDAY_10 = datetime(2026, 11, 23, 10, 0)


class TestApprovalDeadlines(SaleApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create({"name": "SCT 8-17", "tz": "UTC"})
        cls.legal_tier = cls.env["tier.definition"].create(
            {
                "name": "SCT legal opinion",
                "model_id": cls.env.ref("sale.model_sale_order").id,
                "sales_approval_stage": "quotation",
                "review_type": "group",
                "reviewer_group_id": cls.env.ref("sales_doc_control.group_sales_legal_reviewer").id,
                "definition_domain": "[('partner_id.name', '=', 'SCT Customer')]",
                "sales_deadline_type": "hours",
                "sales_deadline_hours": 2,
                "sales_escalation_group_id": cls.env.ref("sales_doc_control.group_sales_general_manager").id,
                "sequence": 100,
            }
        )
        cls.company.sales_quotation_approval = "price"
        cls.users["legal"].sales_superior_id = cls.users["gm"]

    def _legal_review(self):
        order = self._quotation()
        order.request_validation()
        return order, order.review_ids.filtered(lambda r: r.definition_id == self.legal_tier)

    def test_deadlines_follow_the_working_calendar(self):
        """DC-11: same-day and working-hour deadlines are counted on the company's calendar."""
        tier = self.legal_tier
        tier.write({"sales_deadline_type": "same_day"})
        self.assertEqual(tier._sales_deadline(MONDAY_10, self.company), datetime(2026, 11, 23, 17, 0))
        self.assertEqual(
            tier._sales_deadline(datetime(2026, 11, 23, 18, 0), self.company), datetime(2026, 11, 24, 17, 0)
        )
        self.assertEqual(
            tier._sales_deadline(datetime(2026, 11, 28, 9, 0), self.company), datetime(2026, 11, 30, 17, 0)
        )
        tier.write({"sales_deadline_type": "hours", "sales_deadline_hours": 16})
        self.assertEqual(tier._sales_deadline(MONDAY_10, self.company), datetime(2026, 11, 25, 10, 0))
        tier.sales_deadline_type = "none"
        self.assertFalse(tier._sales_deadline(MONDAY_10, self.company))

    def test_overdue_step_reminds_tells_the_superior_and_escalates_once(self):
        """DC-11: an overdue step creates an activity for the approver, notifies the superior and escalates."""
        with freeze_time(MONDAY_10):
            order, review = self._legal_review()
        self.assertEqual(review.sales_deadline, datetime(2026, 11, 23, 12, 0))
        with freeze_time(datetime(2026, 11, 23, 11, 0)):
            self.assertFalse(review.sales_overdue)
            self.env["tier.review"]._cron_sales_overdue_reviews()
            self.assertFalse(order.activity_ids)
        with freeze_time(datetime(2026, 11, 23, 13, 0)):
            review.invalidate_recordset(["sales_overdue"])
            self.assertTrue(review.sales_overdue)
            self.assertIn(review, self.env["tier.review"].search([("sales_overdue", "=", True)]))
            self.env["tier.review"]._cron_sales_overdue_reviews()
            legal_activities = order.activity_ids.filtered(lambda a: a.user_id == self.users["legal"])
            self.assertEqual(len(legal_activities), 1)
            self.assertIn(self.users["gm"].partner_id, order.message_ids.partner_ids)
            self.assertEqual(
                review.sales_escalated_group_id, self.env.ref("sales_doc_control.group_sales_general_manager")
            )
            self.assertIn(self.users["gm"], review.reviewer_ids)
            count = len(order.activity_ids), len(order.message_ids)
            self.env["tier.review"]._cron_sales_overdue_reviews()
            self.assertEqual((len(order.activity_ids), len(order.message_ids)), count)

    def test_manual_escalation_needs_a_next_level(self):
        """DC-11: a pending step is escalated by hand; a tier without a next level refuses with the fix."""
        _order, review = self._legal_review()
        review.action_sales_escalate()
        self.assertTrue(review.sales_escalated_date)
        self.assertIn(self.users["gm"], review.reviewer_ids)
        self.legal_tier.sales_escalation_group_id = False
        _order, other = self._legal_review()
        with self.assertRaisesRegex(UserError, "Escalate To"):
            other.action_sales_escalate()

    def test_delegate_decides_during_absence_and_it_is_recorded(self):
        """DC-11: an absent approver's delegate may decide; the review records on whose behalf."""
        legal, stand_in = self.users["legal"], self.users["specialist2"]
        order, review = self._legal_review()
        self.assertNotIn(stand_in, review.reviewer_ids)
        legal.with_user(legal).write(
            {"sales_delegate_id": stand_in.id, "sales_delegate_from": date.today(), "sales_delegate_to": date.today()}
        )
        self.assertIn(stand_in, review.reviewer_ids)
        order.with_user(stand_in)._validate_tier(review)
        self.assertEqual(review.status, "approved")
        self.assertEqual(review.done_by, stand_in)
        self.assertEqual(review.sales_delegated_for_id, legal)

    def test_delegation_outside_the_absence_gives_no_right(self):
        """DC-11: a delegation applies only during the announced absence."""
        legal, stand_in = self.users["legal"], self.users["specialist2"]
        legal.write(
            {
                "sales_delegate_id": stand_in.id,
                "sales_delegate_from": date(2020, 1, 1),
                "sales_delegate_to": date(2020, 1, 31),
            }
        )
        _order, review = self._legal_review()
        self.assertNotIn(stand_in, review.reviewer_ids)
