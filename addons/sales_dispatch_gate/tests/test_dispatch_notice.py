# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchNotice(DispatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer("Shaoxing Keqiao Textiles", grade="b", limit=5000.0)

    def test_notice_lines_come_from_undelivered_quantities(self):
        """DG-1: the lines are the order's undelivered quantities not yet on another open notice."""
        order = self.confirmed_order(self.customer, qty=10.0)
        first = self.make_notice(
            order, line_ids=[Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 4.0})]
        )
        self.assertTrue(first.name.startswith("FH/"))
        second = self.make_notice(order)
        self.assertEqual(second.line_ids.product_uom_qty, 6.0, "4 of 10 are already on the first notice")
        self.assertAlmostEqual(second.amount_total, 600.0)
        self.assertEqual(second.user_id, order.user_id)
        with self.assertRaisesRegex(ValidationError, "exceed"):
            second.line_ids.with_user(self.users["specialist"]).product_uom_qty = 7.0

    def test_late_notice_is_flagged_emergency_exempt(self):
        """DG-1: a notice drafted less than three days before the planned date is flagged; emergency is exempt."""
        order = self.confirmed_order(self.customer, qty=10.0)
        late = self.make_notice(
            order,
            days_ahead=1,
            line_ids=[Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 1.0})],
        )
        in_time = self.make_notice(
            order,
            days_ahead=3,
            line_ids=[Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 1.0})],
        )
        emergency = self.make_notice(
            order,
            type_code="emergency",
            days_ahead=0,
            line_ids=[Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 1.0})],
        )
        self.assertTrue(late.late_notice)
        self.assertFalse(in_time.late_notice)
        self.assertFalse(emergency.late_notice)
        self.assertIn(
            late,
            self.env["sales.dispatch.notice"].with_user(self.users["manager"]).search([("late_notice", "=", True)]),
        )

    def test_regular_within_limit_goes_to_sales_manager(self):
        """DG-2/DG-3/DG-4: within the limit: finance freezes the facts, the sales manager approves, exposure grows."""
        self.make_invoice(self.customer, 800.0, days_ago=5, due_days=30)
        order = self.confirmed_order(self.customer, qty=10.0)
        notice = self.make_notice(order)
        with self.assertRaises(AccessError):
            notice.with_user(self.users["specialist"]).action_finance_review()
        self.review(notice)
        self.assertRecordValues(
            notice,
            [
                {
                    "state": "reviewed",
                    "credit_result": "within",
                    "approval_level": "manager",
                    "credit_receivable": 800.0,
                    "credit_exposure": 800.0,
                    "credit_projected_exposure": 1800.0,
                    "credit_limit": 5000.0,
                    "credit_grade": "b",
                    "reviewer_id": self.users["finance"].id,
                }
            ],
        )
        # Frozen: a later invoice does not change what finance recorded.
        self.make_invoice(self.customer, 100.0)
        notice.invalidate_recordset()
        self.assertAlmostEqual(notice.credit_receivable, 800.0)
        notice.with_user(self.users["specialist"]).request_validation()
        self.assertEqual(
            notice.review_ids.definition_id, self.env.ref("sales_dispatch_gate.tier_dispatch_manager_non_cash")
        )
        self.assertEqual(
            notice.review_ids.definition_id.authority_matter_id,
            self.env.ref("sales_doc_control.authority_matter_non_cash_dispatch"),
        )
        notice.with_user(self.users["specialist"]).validate_tier()
        self.assertEqual(notice.state, "reviewed", "the specialist is not a reviewer: nothing is approved")
        notice.with_user(self.users["manager"]).validate_tier()
        self.assertEqual(notice.state, "approved")
        self.assertEqual(notice.approved_by_id, self.users["manager"])
        self.assertAlmostEqual(notice.approved_exposure, 900.0)
        exposure = self.customer._get_credit_exposure()
        self.assertAlmostEqual(exposure["instructed_not_shipped"], 1000.0)
        self.assertAlmostEqual(exposure["total"], 1900.0)
        with self.assertUserError("approved and can no longer be changed"):
            notice.with_user(self.users["specialist"]).planned_date = fields.Date.add(self.today, days=9)
        with self.assertUserError("kept"):
            notice.with_user(self.users["specialist"]).unlink()

    def test_overdue_needs_reason_then_sales_manager(self):
        """DG-2/DG-3: within the limit but overdue: the specialist writes the reason, then the sales manager."""
        self.make_invoice(self.customer, 500.0, days_ago=60, due_days=30)
        notice = self.review(self.make_notice(self.confirmed_order(self.customer, qty=10.0)))
        self.assertEqual(notice.credit_result, "within_overdue")
        self.assertAlmostEqual(notice.credit_overdue_amount, 500.0)
        self.assertEqual(notice.credit_overdue_days, 30)
        with self.assertUserError("overdue reason"):
            notice.with_user(self.users["specialist"]).request_validation()
        notice.with_user(
            self.users["specialist"]
        ).overdue_reason = "Payment promised by the 30th; long-standing customer."
        self.approve(notice, "manager")
        self.assertEqual(notice.state, "approved")

    def test_over_limit_needs_general_manager(self):
        """DG-3: over the limit the general manager approves; the sales manager cannot."""
        self.make_invoice(self.customer, 4500.0)
        notice = self.review(self.make_notice(self.confirmed_order(self.customer, qty=10.0)))
        self.assertEqual(notice.credit_result, "over_limit")
        self.assertEqual(notice.approval_level, "gm")
        notice.with_user(self.users["specialist"]).request_validation()
        self.assertEqual(notice.review_ids.definition_id, self.env.ref("sales_dispatch_gate.tier_dispatch_gm_non_cash"))
        notice.with_user(self.users["manager"]).validate_tier()
        self.assertEqual(notice.state, "reviewed", "the sales manager is not the reviewer of this tier")
        self.assertEqual(notice.review_ids.status, "pending")
        notice.with_user(self.users["gm"]).validate_tier()
        self.assertEqual(notice.state, "approved")

    def test_cash_before_delivery_needs_payment_proof(self):
        """DG-3: cash before delivery: finance confirms the payment proof, then the sales manager; no limit applies."""
        self.make_invoice(self.customer, 9000.0)
        order = self.confirmed_order(self.customer, qty=10.0)
        notice = self.make_notice(order, type_code="cash_before")
        notice.with_user(self.users["specialist"]).action_submit()
        with self.assertUserError("payment proof"):
            notice.with_user(self.users["finance"]).action_finance_review()
        proof = self.env["ir.attachment"].create({"name": "电汇凭证.pdf", "raw": b"%PDF-1.4 transfer slip"})
        notice.with_user(self.users["specialist"]).payment_proof_ids = [Command.link(proof.id)]
        notice.with_user(self.users["finance"]).action_finance_review()
        self.assertEqual(notice.payment_confirmed_by_id, self.users["finance"])
        self.assertEqual(notice.approval_level, "manager", "cash received: the limit does not decide")
        self.approve(notice, "manager")
        self.assertEqual(notice.state, "approved")

    def test_cash_on_delivery_goes_to_general_manager(self):
        """DG-3: cash on delivery: finance review, then the general manager, whatever the exposure."""
        notice = self.review(
            self.make_notice(self.confirmed_order(self.customer, qty=1.0), type_code="cash_on_delivery")
        )
        self.assertEqual(notice.credit_result, "within")
        self.assertEqual(notice.approval_level, "gm")
        self.approve(notice, "gm")
        self.assertEqual(notice.state, "approved")

    def test_new_customer_threshold(self):
        """DG-3: new customer: cumulative exposure within the threshold → sales manager, above → general manager."""
        self.company.credit_new_customer_amount = 1500.0
        newcomer = self.make_customer("Jinhua First Order Co.")
        small = self.review(self.make_notice(self.confirmed_order(newcomer, qty=10.0), type_code="new_customer"))
        self.assertEqual(small.credit_result, "new_small")
        notice = self.approve(small, "manager")
        self.assertEqual(notice.review_ids.definition_id.authority_matter_id.code, "new_customer_dispatch")
        self.assertEqual(notice.state, "approved")
        large = self.review(self.make_notice(self.confirmed_order(newcomer, qty=10.0), type_code="new_customer"))
        self.assertEqual(large.credit_result, "new_large", "1,000 approved and not shipped + 1,000 exceed 1,500")
        self.assertAlmostEqual(large.credit_instructed_not_shipped, 1000.0)
        self.approve(large, "gm")
        self.assertEqual(large.state, "approved")

    def test_approval_rechecks_exposure(self):
        """DG-4: an approval that no longer covers the exposure (another notice was approved meanwhile) is refused."""
        first = self.review(self.make_notice(self.confirmed_order(self.customer, qty=30.0)))
        second = self.review(self.make_notice(self.confirmed_order(self.customer, qty=30.0)))
        self.assertEqual((first | second).mapped("credit_result"), ["within", "within"])
        self.approve(first, "manager")
        second.with_user(self.users["specialist"]).request_validation()
        with self.assertUserError("can no longer be approved"):
            second.with_user(self.users["manager"]).validate_tier()
        self.assertEqual(second.state, "reviewed")
        self.assertAlmostEqual(self.customer._get_credit_exposure()["instructed_not_shipped"], 3000.0)

    def test_rejection_cancels_and_back_to_draft(self):
        """DG-3: a rejected notice is cancelled; the specialist may rework it from draft."""
        notice = self.review(self.make_notice(self.confirmed_order(self.customer, qty=2.0)))
        notice.with_user(self.users["specialist"]).request_validation()
        notice.invalidate_recordset()
        notice.with_user(self.users["manager"]).reject_tier()
        self.assertEqual(notice.state, "cancel")
        notice.with_user(self.users["specialist"]).action_back_to_draft()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.credit_result)

    def test_roles_and_visibility(self):
        """DG-1/X-5: a specialist sees only the notices of their orders; a gate guard sees none."""
        notice = self.make_notice(self.confirmed_order(self.customer, qty=2.0))
        Notice = self.env["sales.dispatch.notice"]
        self.assertIn(notice, Notice.with_user(self.users["specialist"]).search([]))
        self.assertNotIn(notice, Notice.with_user(self.users["specialist2"]).search([]))
        self.assertIn(notice, Notice.with_user(self.users["warehouse"]).search([]))
        with self.assertRaises(AccessError):
            Notice.with_user(self.users["guard"]).search([])
        with self.assertRaises(AccessError):
            notice.with_user(self.users["warehouse"]).action_submit()
        with self.assertRaises(AccessError):
            self.env["sales.dispatch.type"].with_user(self.users["specialist"]).create({"name": "Mine", "code": "mine"})

    def test_registered_as_shipping_document(self):
        """DG-1/DC-8: the notice is a shipping record of the document register."""
        notice = self.make_notice(self.confirmed_order(self.customer, qty=2.0))
        self.assertEqual(notice.sales_document_id.type_id.code, "dispatch_notice")
        self.assertEqual(notice.sales_document_id.partner_id, self.customer)

    def test_dispatch_control_off_leaves_exposure_to_orders(self):
        """DG-4/CT-3: without dispatch control, confirmed orders stay the instruction to ship."""
        self.confirmed_order(self.customer, qty=10.0)
        self.assertAlmostEqual(self.customer._get_credit_exposure()["instructed_not_shipped"], 0.0)
        self.company.dispatch_control = False
        self.assertAlmostEqual(self.customer._get_credit_exposure()["instructed_not_shipped"], 1000.0)
