# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import SalesControlCase


class TestViolation(SalesControlCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process_rule = cls.env.ref("sales_doc_control.violation_rule_process_not_followed")
        cls.signing_rule = cls.env.ref("sales_doc_control.violation_rule_signing_beyond_authority")

    def _record(self, role="supervisor", person="specialist", rule=None, **vals):
        return self.as_role(role, "sales.violation").create(
            {
                "person_id": self.users[person].id,
                "rule_id": (rule or self.process_rule).id,
                "partner_id": self.customer.id,
                **vals,
            }
        )

    def test_supervisor_records_and_manager_decides_within_band(self):
        """DC-12: a supervisor records a breach; the sales manager fines within the rule's 20–100 band."""
        violation = self._record(amount=80)
        self.assertTrue(violation.name.startswith("WG/"))
        self.assertEqual(violation.state, "draft")
        violation.with_user(self.users["manager"]).action_decide()
        self.assertEqual(violation.state, "decided")
        self.assertEqual(violation.decided_by_id, self.users["manager"])
        self.assertTrue(violation.decision_date)

    def test_fine_outside_band_is_refused(self):
        """DC-12: a fine outside the rule's band is refused with the band in the message."""
        violation = self._record(amount=150)
        with self.assertRaisesRegex(UserError, "between 20.0 and 100.0"):
            violation.with_user(self.users["manager"]).action_decide()
        self.assertEqual(violation.state, "draft")

    def test_specialist_cannot_record_and_supervisor_cannot_decide(self):
        """DC-12 / X-5: specialists cannot record violations; supervisors cannot decide them."""
        with self.assertRaises(AccessError):
            self._record(role="specialist", person="specialist2", amount=20)
        violation = self._record(amount=20)
        with self.assertRaisesRegex(AccessError, "sales manager"):
            violation.with_user(self.users["supervisor"]).action_decide()
        with self.assertRaises(AccessError):
            violation.with_user(self.users["supervisor"]).action_cancel()

    def test_specialist_sees_only_own_violations(self):
        """DC-12 / X-5: a specialist sees the breaches recorded against them, not a colleague's."""
        mine = self._record(person="specialist", amount=20)
        theirs = self._record(person="specialist2", amount=20)
        visible = self.as_role("specialist", "sales.violation").search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.users["specialist"]).read(["amount"])
        with self.assertRaises(AccessError):
            mine.with_user(self.users["specialist"]).write({"amount": 0})

    def test_gate_guard_and_finance_have_no_access(self):
        """DC-12 / X-5: roles outside the sales line cannot read the register."""
        self._record(amount=20)
        for role in ("guard", "finance", "warehouse"):
            with self.assertRaises(AccessError, msg=role):
                self.as_role(role, "sales.violation").search([])

    def test_escalated_rule_goes_to_the_general_manager(self):
        """DC-12: signing beyond authority is referred to the company and decided by the general manager."""
        violation = self._record(rule=self.signing_rule)
        manager_view = violation.with_user(self.users["manager"])
        with self.assertRaisesRegex(UserError, "referred to the company"):
            manager_view.action_decide()
        gm = self.users["gm"]
        manager_view.action_escalate()
        self.assertEqual(violation.state, "escalated")
        self.assertIn(gm, violation.activity_ids.mapped("user_id"))
        with self.assertRaises(AccessError):
            manager_view.action_decide_escalated()
        violation.with_user(gm).action_decide_escalated()
        self.assertEqual(violation.state, "decided")
        self.assertEqual(violation.decided_by_id, gm)
        self.assertFalse(violation.activity_ids)

    def test_decided_violation_is_kept_unchanged(self):
        """DC-12 / X-6: a decided violation can be neither edited nor deleted; cancelling keeps it."""
        violation = self._record(amount=50)
        self.env.flush_all()
        self.env.cr.precommit.run()  # each step below is its own transaction in the UI
        manager_view = violation.with_user(self.users["manager"])
        manager_view.action_decide()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager_view.write({"amount": 20})
        with self.assertRaisesRegex(UserError, "Cancel it instead"):
            manager_view.unlink()
        manager_view.action_cancel()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(violation.state, "cancelled")
        self.assertTrue(violation.exists())
        messages = self.env["mail.message"].search([("model", "=", violation._name), ("res_id", "=", violation.id)])
        states = messages.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(len(states), 2)

    def test_other_modules_report_breaches(self):
        """DC-12: suite modules record a breach found by the system through one helper."""
        order = self.env["sale.order"].create({"partner_id": self.customer.id, "user_id": self.users["specialist"].id})
        violation = (
            self.env["sales.violation"]
            .with_user(self.users["specialist"])
            ._report_violation(
                self.users["specialist"],
                "quotation_outside_authority",
                document=order,
                description="Deal closed below authority",
            )
        )
        self.assertEqual(violation.document_ref, order)
        self.assertEqual(violation.partner_id, self.customer)
        self.assertEqual(violation.rule_id.code, "quotation_outside_authority")
        with self.assertRaisesRegex(UserError, "is missing"):
            self.env["sales.violation"]._report_violation(self.users["specialist"], "no_such_rule")

    def test_register_is_per_company(self):
        """X-5: a sales manager of another company does not see this company's violations."""
        violation = self._record(amount=20)
        other = self.env["res.company"].create({"name": "SCT Other Co"})
        outsider = self.env["res.users"].create(
            {
                "name": "Other manager",
                "login": "sct_other_manager",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, [self.env.ref("sales_doc_control.group_sales_manager").id])],
            }
        )
        self.assertFalse(self.env["sales.violation"].with_user(outsider).search([("id", "=", violation.id)]))
