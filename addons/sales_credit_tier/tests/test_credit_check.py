# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditCheck(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade_b = cls.make_customer("Grade B customer", grade="b", limit=1000.0)
        cls.grade_c = cls.make_customer("Grade C customer", grade="c")
        cls.grade_d = cls.make_customer("Grade D customer", grade="d")
        cls.new_customer = cls.make_customer("New customer")
        cls.specialist = cls.users["specialist"]
        cls.manager = cls.users["manager"]
        cls.gm = cls.users["gm"]

    def confirm_as(self, order, role):
        return order.with_user(self.users[role]).action_confirm()

    def assertRefused(self, order, role, pattern):
        with self.assertUserError(pattern):
            self.confirm_as(order, role)
        self.assertIn(order.state, ("draft", "sent"))

    def test_grade_d_is_refused_on_every_path(self):
        """CT-4: grade D is refused from the form, as general manager, by code and from the portal."""
        order = self.make_order(self.grade_d)
        self.assertEqual(order.credit_rule, "refused_d")
        self.assertIn("grade D", order.credit_warning)
        for role in ("specialist", "gm"):
            self.assertRefused(order, role, "grade D")
        with self.assertUserError("grade D"):
            order.with_user(self.gm)._action_confirm()
        portal = self.env["res.users"].create(
            {
                "name": "Customer portal",
                "login": "sct_credit_portal",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertUserError("grade D"):
            order.with_user(portal).sudo().action_confirm()
        self.assertEqual(order.state, "draft")

    def test_grade_d_refused_by_server_action(self):
        """CT-4: an automated or server action that confirms goes through the same check."""
        action = self.env["ir.actions.server"].create(
            {
                "name": "Confirm",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "state": "code",
                "code": "records.action_confirm()",
            }
        )
        order = self.make_order(self.grade_d)
        with self.assertUserError("grade D"):
            action.with_context(active_model="sale.order", active_ids=order.ids, active_id=order.id).run()

    def test_grade_d_policy_is_configurable(self):
        """CT-2: the company may turn the D block off."""
        self.company.credit_d_blocked = False
        order = self.make_order(self.grade_d)
        self.confirm_as(order, "specialist")
        self.assertEqual(order.state, "sale")

    def test_grade_c_needs_a_cash_term(self):
        """CT-2/CT-4: grade C only with an immediate payment term."""
        order = self.make_order(self.grade_c, term=self.term_30)
        self.assertRefused(order, "gm", "grade C")
        order.payment_term_id = self.cash_term
        self.confirm_as(order, "specialist")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.credit_decision_ids.rule, "cash")

    def test_grade_b_over_limit_needs_the_general_manager(self):
        """CT-4: grade B over its limit: the general manager approves; the snapshot keeps the facts."""
        self.make_invoice(self.grade_b, 700.0)
        order = self.make_order(self.grade_b, qty=4.0)
        self.assertEqual(order.credit_rule, "over_limit")
        self.assertTrue(order.credit_needs_gm)
        self.assertAlmostEqual(order.credit_projected_exposure, 1100.0)
        self.assertRefused(order, "specialist", "general manager")
        self.assertRefused(order, "manager", "general manager")
        self.confirm_as(order, "gm")
        decision = order.credit_decision_ids
        self.assertEqual(len(decision), 1)
        self.assertRecordValues(
            decision,
            [
                {
                    "rule": "over_limit",
                    "event": "confirm",
                    "credit_grade": "b",
                    "credit_limit": 1000.0,
                    "receivable": 700.0,
                    "shipped_not_invoiced": 0.0,
                    "instructed_not_shipped": 0.0,
                    "exposure": 700.0,
                    "order_amount": 400.0,
                    "projected_exposure": 1100.0,
                    "user_id": self.gm.id,
                    "approver_id": self.gm.id,
                }
            ],
        )
        self.assertAlmostEqual(order.credit_approved_amount, 400.0)

    def test_approval_through_the_credit_tier(self):
        """CT-4: the specialist requests validation, the general manager approves the credit tier, the
        specialist then confirms; the snapshot names the approver."""
        self.make_invoice(self.grade_b, 700.0)
        order = self.make_order(self.grade_b, qty=4.0)
        order.with_user(self.specialist).request_validation()
        credit_tier = self.env.ref("sales_credit_tier.tier_order_credit_gm")
        self.assertIn(credit_tier, order.review_ids.definition_id)
        self.assertFalse(order.with_user(self.users["manager"]).can_review)
        order.with_user(self.gm).validate_tier()
        self.confirm_as(order, "specialist")
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            order.credit_decision_ids,
            [{"rule": "over_limit", "user_id": self.specialist.id, "approver_id": self.gm.id}],
        )

    def test_within_limit_passes_for_the_specialist(self):
        """CT-4: grade B within the limit and without overdue: no approval needed."""
        order = self.make_order(self.grade_b, qty=5.0)
        self.assertEqual(order.credit_rule, "ok")
        self.assertFalse(order.credit_warning)
        self.confirm_as(order, "specialist")
        self.assertEqual(order.credit_decision_ids.rule, "ok")
        self.assertFalse(order.credit_decision_ids.approver_id)

    def test_snapshot_is_immutable(self):
        """CT-4/X-6: a decision can be neither changed nor deleted, even by the general manager."""
        order = self.make_order(self.grade_b)
        self.confirm_as(order, "specialist")
        decision = order.credit_decision_ids
        with self.assertRaises(UserError):
            decision.write({"rule": "overdue"})
        with self.assertRaises(UserError):
            decision.unlink()

    def test_overdue_needs_the_sales_manager_and_a_reason(self):
        """CT-4: overdue payments: the sales manager approves with a mandatory reason."""
        self.make_invoice(self.grade_b, 100.0, days_ago=50, due_days=30)
        order = self.make_order(self.grade_b)
        self.assertEqual(order.credit_rule, "overdue")
        self.assertTrue(order.credit_needs_manager)
        self.assertRefused(order, "specialist", "sales manager")
        self.assertRefused(order, "manager", "overdue reason")
        order.credit_overdue_reason = "Customer paid by bank transfer yesterday, slip received."
        self.confirm_as(order, "manager")
        self.assertRecordValues(
            order.credit_decision_ids,
            [{"rule": "overdue", "approver_id": self.manager.id, "overdue_amount": 100.0, "overdue_days": 20}],
        )
        self.assertIn("bank transfer", order.credit_decision_ids.reason)

    def test_new_customer_thresholds(self):
        """CT-4: ungraded customer: up to the threshold the sales manager, above it the general manager."""
        self.company.credit_new_customer_amount = 1000.0
        small = self.make_order(self.new_customer, qty=5.0)
        self.assertEqual(small.credit_rule, "new_small")
        self.assertRefused(small, "specialist", "sales manager")
        self.confirm_as(small, "manager")
        large = self.make_order(self.new_customer, qty=6.0)
        self.assertEqual(large.credit_rule, "new_large", "cumulative: 500 already confirmed + 600")
        self.assertRefused(large, "manager", "general manager")
        self.confirm_as(large, "gm")
        self.assertEqual(large.credit_decision_ids.approver_id, self.gm)

    def test_warning_shows_on_the_quotation_form(self):
        """CT-4: the warning is on the quotation before confirmation is asked."""
        form = Form(self.env["sale.order"].with_user(self.specialist))
        form.partner_id = self.grade_d
        with form.order_line.new() as line:
            line.product_id = self.service
        self.assertIn("grade D", form.credit_warning)

    def test_duplicated_quotation_is_checked_again(self):
        """CT-4: a copy of a confirmed order carries no decision and is checked again."""
        order = self.make_order(self.grade_b)
        self.confirm_as(order, "specialist")
        self.grade_b.sudo().credit_grade = "d"
        copy = order.copy()
        self.assertFalse(copy.credit_decision_ids)
        self.assertFalse(copy.credit_approved_amount)
        self.assertRefused(copy, "specialist", "grade D")

    def test_increase_of_a_confirmed_order(self):
        """CT-4: added lines or quantities beyond the tolerance are checked again; small ones are not.

        Quantities of a confirmed contract change through an approved contract change
        (sales_doc_control), which writes the lines with itself as ``sales_amendment_apply`` in the context.
        """
        order = self.make_order(self.grade_b, qty=5.0)
        self.confirm_as(order, "specialist")
        line = order.order_line
        applied = self.env["sales.contract.amendment"]
        line.with_user(self.specialist).with_context(sales_amendment_apply=applied).product_uom_qty = 5.2
        self.assertEqual(len(order.credit_decision_ids), 1, "within the 5% tolerance")
        with self.assertUserError("general manager"):
            line.with_user(self.specialist).with_context(sales_amendment_apply=applied).product_uom_qty = 11.0
        with self.assertUserError("general manager"):
            order.with_user(self.specialist).with_context(sales_amendment_apply=applied).write(
                {"order_line": [(0, 0, {"product_id": self.service.id, "product_uom_qty": 7.0, "price_unit": 100.0})]}
            )
        line.with_user(self.gm).with_context(sales_amendment_apply=applied).product_uom_qty = 11.0
        increase = order.credit_decision_ids.filtered(lambda d: d.event == "increase")
        self.assertEqual(increase.rule, "over_limit")
        self.assertAlmostEqual(order.credit_approved_amount, 1100.0)
