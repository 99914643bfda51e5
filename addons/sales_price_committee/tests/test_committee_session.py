# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import PriceCase


class TestCommitteeSession(PriceCase):
    def test_quarterly_session_planned_once_and_reminded_once(self):
        """PC-6: the job keeps one planned quarterly session per company and reminds its members
        once, however often it runs."""
        sessions = self.env["sales.price.committee.session"]
        sessions.search([("company_id", "=", self.company.id)]).write({"state": "cancelled"})
        sessions._cron_plan_and_remind()
        planned = sessions.search([("company_id", "=", self.company.id), ("state", "=", "planned")])
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.kind, "quarterly")
        self.assertIn(self.users["committee"], planned.member_ids)
        self.assertFalse(planned.reminder_sent)
        reminded = sessions._cron_plan_and_remind(now=planned.date)
        self.assertEqual(reminded, planned)
        self.assertIn(self.users["committee"], planned.activity_ids.user_id)
        count = len(planned.activity_ids)
        self.assertFalse(sessions._cron_plan_and_remind(now=planned.date))
        self.assertEqual(len(planned.activity_ids), count)
        self.assertEqual(sessions.search_count([("company_id", "=", self.company.id), ("state", "=", "planned")]), 1)

    def test_agenda_attendance_minutes_and_decisions(self):
        """PC-6: the agenda fills with pending adjustments and draft authority tables (once each);
        the session closes only with attendance and a decision on every item, then is kept."""
        adjustment = self.env["sales.price.adjustment"].create(
            {
                "reason_category": "strategy",
                "line_ids": [Command.create({"product_id": self.fibre.id, "new_price": 97, "reason": "Campaign"})],
            }
        )
        authority = self.authority.copy({"name": "next quarter"})
        session = (
            self.env["sales.price.committee.session"]
            .with_user(self.users["committee"])
            .create({"date": "2026-12-01 09:00:00", "kind": "ad_hoc"})
        )
        with self.assertRaises(AccessError):
            session.with_user(self.users["specialist"]).action_fill_agenda()
        session.action_fill_agenda()
        session.action_fill_agenda()
        self.assertIn(adjustment, session.agenda_item_ids.adjustment_id)
        self.assertIn(authority, session.agenda_item_ids.authority_id)
        self.assertEqual(len(session.agenda_item_ids.filtered(lambda item: item.adjustment_id == adjustment)), 1)
        with self.assertRaisesRegex(UserError, "present"):
            session.action_hold()
        session.attendee_ids = self.users["committee"] | self.users["gm"]
        with self.assertRaisesRegex(UserError, "decision"):
            session.action_hold()
        session.agenda_item_ids.write({"decision": "approved", "decision_note": "Agreed"})
        session.minutes = "<p>Prices agreed</p>"
        adjustment.request_validation()
        self._validate(adjustment, "manager")
        committee_review = adjustment.review_ids.filtered(
            lambda review: review.definition_id == self.env.ref("sales_price_committee.tier_price_adjustment_committee")
        )
        self.assertEqual(committee_review.status, "pending")
        session.action_hold()
        self.assertEqual(session.state, "held")
        self.assertEqual(committee_review.status, "approved", "the session's decision signs the committee review")
        self.assertEqual(committee_review.done_by, self.users["committee"])
        self.assertIn("Agreed", committee_review.comment)
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            session.minutes = "<p>rewritten</p>"
        with self.assertRaises(UserError):
            session.unlink()

    def test_rejection_by_the_session_rejects_the_adjustment_review(self):
        """PC-5 / PC-6: the session's rejection of an adjustment is the committee's review: rejected."""
        adjustment = self.env["sales.price.adjustment"].create(
            {
                "reason_category": "market",
                "line_ids": [Command.create({"product_id": self.yarn.id, "new_price": 150, "reason": "Dumping"})],
            }
        )
        adjustment.request_validation()
        self._validate(adjustment, "manager")
        session = (
            self.env["sales.price.committee.session"]
            .with_user(self.users["committee"])
            .create({"date": "2026-12-01 09:00:00", "attendee_ids": [Command.link(self.users["committee"].id)]})
        )
        session._add_to_agenda(adjustment)
        session.agenda_item_ids.write({"decision": "rejected", "decision_note": "Too low for the market"})
        session.action_hold()
        self.assertEqual(adjustment.validation_status, "rejected")
        self.assertIn("Too low", adjustment.review_ids.filtered(lambda r: r.status == "rejected").comment)

    def test_job_fills_the_agenda_of_the_next_session_once(self):
        """PC-6: with no button pressed, the daily job fills the next quarterly session's agenda with
        the active authority table's revision, the pending adjustments and the draft authority
        tables, once each however often it runs; what a held session deferred comes back."""
        sessions = self.env["sales.price.committee.session"]
        sessions.search([("company_id", "=", self.company.id)]).write({"state": "cancelled"})
        sessions._cron_plan_and_remind()
        planned = sessions.search([("company_id", "=", self.company.id), ("state", "=", "planned")])
        self.assertIn(self.authority, planned.agenda_item_ids.authority_id, "the quarterly revision is on it")
        adjustment = self.env["sales.price.adjustment"].create(
            {
                "reason_category": "market",
                "line_ids": [Command.create({"product_id": self.fibre.id, "new_price": 104, "reason": "Market"})],
            }
        )
        draft_authority = self.authority.copy({"name": "SCT next quarter"})
        sessions._cron_plan_and_remind()
        sessions._cron_plan_and_remind()
        self.assertEqual(sessions.search_count([("company_id", "=", self.company.id), ("state", "=", "planned")]), 1)
        items = planned.agenda_item_ids
        self.assertIn(adjustment, items.adjustment_id)
        self.assertIn(draft_authority, items.authority_id)
        self.assertEqual(len(items.filtered(lambda item: item.adjustment_id == adjustment)), 1)
        self.assertEqual(len(items.filtered(lambda item: item.authority_id == draft_authority)), 1)
        self.assertEqual(len(items.filtered(lambda item: item.authority_id == self.authority)), 1)

        # The session defers the adjustment: the next session gets it again, once.
        items.write({"decision": "approved"})
        items.filtered("adjustment_id").decision = "deferred"
        planned.attendee_ids = self.users["committee"]
        planned.with_user(self.users["committee"]).action_hold()
        sessions._cron_plan_and_remind()
        sessions._cron_plan_and_remind()
        following = sessions.search([("company_id", "=", self.company.id), ("state", "=", "planned")])
        self.assertNotEqual(following, planned)
        self.assertIn(adjustment, following.agenda_item_ids.adjustment_id)
        self.assertEqual(len(following.agenda_item_ids.filtered(lambda item: item.adjustment_id == adjustment)), 1)
        self.assertNotIn(draft_authority, following.agenda_item_ids.authority_id, "decided once, not again")

    def test_next_session_three_months_after_the_last_one_held(self):
        """PC-6: the job plans the next quarterly session the configured interval (three months)
        after the last session held; another interval moves it accordingly."""
        sessions = self.env["sales.price.committee.session"]
        sessions.search([("company_id", "=", self.company.id)]).write({"state": "cancelled"})
        held_on = datetime.combine(date.today() - relativedelta(months=1), time(9))
        last = sessions.with_user(self.users["committee"]).create(
            {"date": held_on, "kind": "quarterly", "attendee_ids": [Command.link(self.users["committee"].id)]}
        )
        last.action_hold()
        self.assertEqual(self.company.sales_committee_interval_months, 3)
        sessions._cron_plan_and_remind()
        planned = sessions.search([("company_id", "=", self.company.id), ("state", "=", "planned")])
        self.assertEqual(planned.date, held_on + relativedelta(months=3))
        self.assertEqual(planned.kind, "quarterly")

        planned.with_user(self.users["committee"]).action_cancel()
        self.company.sales_committee_interval_months = 2
        sessions._cron_plan_and_remind()
        planned = sessions.search([("company_id", "=", self.company.id), ("state", "=", "planned")])
        self.assertEqual(planned.date, held_on + relativedelta(months=2))
