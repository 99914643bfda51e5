# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchEmergency(DispatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer("Yiwu Urgent Weaving", grade="b", limit=50000.0)
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Factory week", "tz": "Asia/Shanghai", "company_id": cls.company.id}
        )

    def emergency(self, **values):
        notice = self.make_notice(self.confirmed_order(self.customer, qty=5.0), type_code="emergency", days_ahead=0)
        notice.with_user(self.users["specialist"]).write(
            dict(
                {"phone_approver_id": self.users["manager"].id, "phone_approval_time": fields.Datetime.now()}, **values
            )
        )
        return notice

    def test_phone_approval_recorded_and_counted(self):
        """DG-3/DG-4: the sales manager's phone approval (who, when) releases the notice, which counts at once."""
        notice = self.make_notice(self.confirmed_order(self.customer, qty=5.0), type_code="emergency", days_ahead=0)
        with self.assertUserError("record who approved by phone"):
            notice.with_user(self.users["specialist"]).action_record_phone_approval()
        notice.with_user(self.users["specialist"]).write(
            {"phone_approver_id": self.users["specialist2"].id, "phone_approval_time": fields.Datetime.now()}
        )
        with self.assertUserError("not a sales manager"):
            notice.with_user(self.users["specialist"]).action_record_phone_approval()
        notice.with_user(self.users["specialist"]).phone_approver_id = self.users["manager"]
        notice.with_user(self.users["specialist"]).action_record_phone_approval()
        self.assertEqual(notice.state, "approved")
        self.assertEqual(notice.approved_by_id, self.users["manager"])
        self.assertEqual(notice.paperwork_state, "pending")
        self.assertAlmostEqual(self.customer._get_credit_exposure()["instructed_not_shipped"], 500.0)
        regular = self.make_notice(self.confirmed_order(self.customer, qty=1.0))
        with self.assertUserError("not an emergency dispatch"):
            regular.with_user(self.users["specialist"]).action_record_phone_approval()

    def test_paperwork_due_one_working_day_after_shipment(self):
        """DG-3: the complete notice is due at the end of the next working day on the company calendar."""
        notice = self.emergency()
        notice.with_user(self.users["specialist"]).action_record_phone_approval()
        friday = datetime(2026, 11, 27, 2, 0)  # 10:00 in Shanghai
        notice._dispatch_record_shipment(friday)
        self.assertEqual(notice.shipped_date, friday)
        self.assertEqual(notice.paperwork_due.date(), date(2026, 11, 30), "Friday's shipment is due on Monday")

    def test_paperwork_completion_by_finance_and_manager(self):
        """DG-3: finance reviews the emergency dispatch afterwards, then the sales manager confirms the paperwork."""
        notice = self.emergency()
        notice.with_user(self.users["specialist"]).action_record_phone_approval()
        notice._dispatch_record_shipment()
        with self.assertUserError("finance must review"):
            notice.with_user(self.users["manager"]).action_complete_paperwork()
        notice.with_user(self.users["finance"]).action_finance_review()
        self.assertEqual(notice.state, "approved", "the review of an emergency dispatch does not reopen it")
        self.assertEqual(notice.credit_result, "within")
        with self.assertRaises(AccessError):
            notice.with_user(self.users["specialist"]).action_complete_paperwork()
        notice.with_user(self.users["manager"]).action_complete_paperwork()
        self.assertEqual(notice.paperwork_state, "done")
        self.assertEqual(notice.paperwork_done_by_id, self.users["manager"])

    def test_overdue_paperwork_escalates_once_and_blocks(self):
        """DG-3: overdue paperwork is listed, escalated to the general manager once, and blocks new emergencies."""
        notice = self.emergency()
        notice.with_user(self.users["specialist"]).action_record_phone_approval()
        notice._dispatch_record_shipment(datetime(2026, 11, 2, 2, 0))
        self.assertLess(notice.paperwork_due, fields.Datetime.now())
        self.assertEqual(notice.paperwork_state, "overdue")
        overdue = (
            self.env["sales.dispatch.notice"]
            .with_user(self.users["manager"])
            .search([("paperwork_state", "=", "overdue")])
        )
        self.assertIn(notice, overdue)
        Notice = self.env["sales.dispatch.notice"]
        Notice._cron_emergency_paperwork()
        Notice._cron_emergency_paperwork()
        gm_activities = notice.activity_ids.filtered(
            lambda a: a.user_id == self.users["gm"] and a.summary == "Emergency dispatch paperwork overdue"
        )
        self.assertEqual(len(gm_activities), 1, "escalated once, however often the job runs")
        self.assertTrue(notice.paperwork_escalated)
        with self.assertUserError("paperwork is overdue"):
            self.emergency()
        other = self.make_notice(self.confirmed_order(self.customer, qty=1.0), user=self.users["specialist"])
        self.assertEqual(other.state, "draft", "regular notices stay possible")
        notice.with_user(self.users["finance"]).action_finance_review()
        notice.with_user(self.users["manager"]).action_complete_paperwork()
        self.assertTrue(self.emergency(), "completed paperwork lifts the block")
