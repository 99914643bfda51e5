# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import SalesControlCase


class TestViolationOutcome(SalesControlCase):
    """DC-12: who may change the outcome of a violation, checked on the server whatever the client sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process_rule = cls.env.ref("sales_doc_control.violation_rule_process_not_followed")
        cls.signing_rule = cls.env.ref("sales_doc_control.violation_rule_signing_beyond_authority")

    def _record(self, rule=None, amount=50):
        return self.as_role("supervisor", "sales.violation").create(
            {"person_id": self.users["specialist"].id, "rule_id": (rule or self.process_rule).id, "amount": amount}
        )

    def _escalated(self):
        violation = self._record(rule=self.signing_rule, amount=0)
        violation.with_user(self.users["manager"]).action_escalate()
        return violation

    def test_outcome_fields_are_refused_outside_the_buttons(self):
        """DC-12: neither the supervisor nor the sales manager can write the status or the decider directly."""
        violation = self._record(amount=500)
        today = fields.Date.today()
        for role in ("supervisor", "manager", "gm"):
            as_role = violation.with_user(self.users[role])
            for vals in (
                {"state": "decided"},
                {"state": "cancelled"},
                {"decided_by_id": self.users[role].id},
                {"decision_date": today},
            ):
                with self.assertRaisesRegex(AccessError, "only through its buttons", msg=f"{role} {vals}"):
                    as_role.write(vals)
        # A context key from the client opens nothing either.
        with self.assertRaises(AccessError):
            violation.with_user(self.users["supervisor"]).with_context(sales_violation_decision=True).write(
                {"state": "decided"}
            )
        self.assertEqual(violation.state, "draft")
        self.assertFalse(violation.decided_by_id)

    def test_violation_cannot_be_created_decided(self):
        """DC-12: a violation is recorded as reported; the supervisor cannot record it as already decided."""
        base = {"person_id": self.users["specialist"].id, "rule_id": self.process_rule.id, "amount": 500}
        Violation = self.as_role("supervisor", "sales.violation")
        for vals in ({"state": "decided"}, {"decided_by_id": self.users["supervisor"].id}):
            with self.assertRaises(AccessError, msg=vals):
                Violation.create(dict(base, **vals))
        with self.assertRaisesRegex(AccessError, "sales manager"):
            Violation.create(dict(base, decision="No fine"))
        violation = self.as_role("manager", "sales.violation").create(dict(base, amount=50, decision="Fine of 50"))
        self.assertEqual(violation.state, "draft")

    def test_decision_text_is_written_by_the_decider(self):
        """DC-12: the sales manager writes the decision of an ordinary violation, the general manager of
        an escalated one; nobody rewrites it once decided without reopening it."""
        violation = self._record()
        with self.assertRaisesRegex(AccessError, "sales manager"):
            violation.with_user(self.users["supervisor"]).write({"decision": "Forgiven"})
        self.assertFalse(violation.with_user(self.users["supervisor"]).decision_editable)
        manager_view = violation.with_user(self.users["manager"])
        self.assertTrue(manager_view.decision_editable)
        manager_view.write({"decision": "Fine of 50, contract reviewed again"})
        manager_view.action_decide()
        self.assertEqual(violation.decided_by_id, self.users["manager"])
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager_view.write({"decision": "Forgiven"})

        escalated = self._escalated()
        with self.assertRaisesRegex(AccessError, "general manager"):
            escalated.with_user(self.users["manager"]).write({"decision": "Warning"})
        self.assertFalse(escalated.with_user(self.users["manager"]).decision_editable)
        gm_view = escalated.with_user(self.users["gm"])
        self.assertTrue(gm_view.decision_editable)
        gm_view.write({"decision": "Written warning"})
        gm_view.action_decide_escalated()
        self.assertEqual(escalated.decided_by_id, self.users["gm"])

    def test_supervisor_cannot_use_the_decision_buttons(self):
        """DC-12: the supervisor records; every decision button refuses them."""
        violation = self._record()
        supervisor_view = violation.with_user(self.users["supervisor"])
        for action in ("action_decide", "action_escalate", "action_cancel", "action_reset_draft"):
            with self.assertRaisesRegex(AccessError, "sales manager", msg=action):
                getattr(supervisor_view, action)()
        self.assertEqual(violation.state, "draft")

    def test_escalated_violation_belongs_to_the_general_manager(self):
        """DC-12: the sales manager can neither cancel nor reopen an escalated violation; the GM can."""
        escalated = self._escalated()
        manager_view = escalated.with_user(self.users["manager"])
        with self.assertRaisesRegex(AccessError, "only the general manager"):
            manager_view.action_cancel()
        with self.assertRaisesRegex(AccessError, "only the general manager"):
            manager_view.action_reset_draft()
        self.assertEqual(escalated.state, "escalated")
        gm_view = escalated.with_user(self.users["gm"])
        gm_view.action_reset_draft()
        self.assertEqual(escalated.state, "draft")
        manager_view.action_escalate()
        gm_view.action_cancel()
        self.assertEqual(escalated.state, "cancelled")
        self.assertEqual(escalated.decided_by_id, self.users["gm"])

    def test_general_manager_decision_is_not_reopened_by_the_manager(self):
        """DC-12: once the GM has decided a violation referred to the company, the sales manager cannot reset it."""
        escalated = self._escalated()
        escalated.with_user(self.users["gm"]).action_decide_escalated()
        with self.assertRaisesRegex(AccessError, "only the general manager"):
            escalated.with_user(self.users["manager"]).action_reset_draft()
        self.assertEqual(escalated.state, "decided")
        # An ordinary decision stays the sales manager's to reopen.
        ordinary = self._record()
        manager_view = ordinary.with_user(self.users["manager"])
        manager_view.action_decide()
        manager_view.action_reset_draft()
        self.assertEqual(ordinary.state, "draft")
        self.assertFalse(ordinary.decided_by_id)
