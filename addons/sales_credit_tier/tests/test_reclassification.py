# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestReclassification(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inactive = cls.make_customer("Seven months silent", grade="b", limit=5000.0)
        cls.make_invoice(cls.inactive, 100.0, days_ago=215, due_days=0)
        cls.pay(cls.inactive.invoice_ids, 100.0)
        cls.late = cls.make_customer("Pays late", grade="a")
        cls.make_invoice(cls.late, 100.0, days_ago=20, due_days=10)
        cls.good = cls.make_customer("Good B customer", grade="b", limit=5000.0)
        cls.make_invoice(cls.good, 100.0, days_ago=200, due_days=0)
        cls.make_invoice(cls.good, 100.0, days_ago=10, due_days=30)
        cls.pay(cls.good.invoice_ids.filtered(lambda m: m.invoice_date_due < cls.today), 100.0)

    def test_downgrades_are_applied_once_and_notified(self):
        """CT-7: D after six months without a transaction, C on late payment; a second run changes nothing."""
        partners = self.inactive | self.late | self.good
        self.env["res.partner"].sudo()._cron_credit_reclassify()
        self.assertEqual(self.inactive.credit_grade, "d")
        self.assertEqual(self.inactive.credit_limit, 0.0)
        self.assertEqual(self.late.credit_grade, "c")
        self.assertEqual(self.good.credit_grade, "b")
        changes = self.env["sales.credit.change"].search([("partner_id", "in", partners.ids)])
        downgrades = changes.filtered(lambda c: c.source == "reclassification" and c.field == "credit_grade")
        self.assertEqual(downgrades.partner_id, self.inactive | self.late)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        self.assertEqual(activities.user_id, self.users["specialist"], "a to-do for the customers' salesperson")
        self.assertEqual(len(activities), 2, "one to-do per downgraded customer")
        for role in ("specialist", "manager"):
            told = self.env["mail.message"].search(
                [("model", "=", False), ("partner_ids", "in", self.users[role].partner_id.ids)]
            )
            self.assertTrue(told.filtered(lambda m: "Pays late" in m.body), f"the {role} is told, in one message")
        messages = self.env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "in", partners.ids)])
        proposals = self.env["sales.credit.application"].search([("partner_id", "in", partners.ids)])
        self.assertEqual(proposals.partner_id, self.good, "B → A is only proposed")
        self.assertEqual(proposals.requested_grade, "a")
        self.env["res.partner"].sudo()._cron_credit_reclassify()
        self.assertEqual(
            self.env["sales.credit.change"].search_count([("partner_id", "in", partners.ids)]), len(changes)
        )
        self.assertEqual(
            self.env["mail.activity"].search_count([("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]),
            len(activities),
        )
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", "res.partner"), ("res_id", "in", partners.ids)]),
            len(messages),
        )
        self.assertEqual(self.env["sales.credit.application"].search([("partner_id", "in", partners.ids)]), proposals)

    def test_downgrades_only_proposed_when_configured(self):
        """CT-7: with automatic downgrades off, the job proposes them as applications."""
        self.company.credit_auto_downgrade = False
        self.env["res.partner"].sudo()._cron_credit_reclassify()
        self.assertEqual(self.inactive.credit_grade, "b")
        proposal = self.env["sales.credit.application"].search([("partner_id", "=", self.inactive.id)])
        self.assertEqual(proposal.requested_grade, "d")
