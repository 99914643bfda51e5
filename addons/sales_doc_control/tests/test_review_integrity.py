# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .sale_common import SaleApprovalCase

MONDAY_10 = datetime(2026, 11, 23, 10, 0)


class TestReviewIntegrity(SaleApprovalCase):
    """X-5 / DC-3 / DC-11: an approval step is decided only by its approvers, through the workflow."""

    def _requested(self):
        order = self._quotation()
        order.with_user(self.users["specialist"]).request_validation()
        return order, order.review_ids.sorted("sequence")

    def test_specialist_cannot_forge_an_approval_through_rpc(self):
        """DC-3 / X-5: a specialist cannot approve, un-reject, reassign or sign a step of his own quotation."""
        order, reviews = self._requested()
        first = reviews[0].with_user(self.users["specialist"])
        for vals in (
            {"status": "approved"},
            {"status": "approved", "done_by": self.users["specialist"].id},
            {"done_by": self.users["supervisor"].id},
            {"comment": "Fine by me"},
            {"sales_escalated_group_id": self.env.ref("sales_doc_control.group_sales_specialist").id},
            {"reviewer_ids": [(4, self.users["specialist"].id)]},
            {"status": "cancel"},
            {"status": "waiting"},
        ):
            with self.assertRaises(AccessError, msg=vals):
                first.write(vals)
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.users["specialist"]).create(
                {
                    "model": "sale.order",
                    "res_id": order.id,
                    "definition_id": reviews[0].definition_id.id,
                    "status": "approved",
                }
            )
        self.assertEqual(order.validation_status, "pending")
        self.assertEqual(reviews.mapped("status"), ["pending", "waiting"])

    def test_reviewer_decides_only_his_step_in_turn_and_in_his_name(self):
        """DC-3 / X-5: the manager cannot approve before the supervisor, nor sign for someone else."""
        _order, reviews = self._requested()
        supervisor_step, manager_step = reviews
        with self.assertRaises(AccessError):
            manager_step.with_user(self.users["manager"]).write({"status": "approved"})
        with self.assertRaises(AccessError):
            supervisor_step.with_user(self.users["supervisor"]).write(
                {"status": "approved", "done_by": self.users["manager"].id}
            )
        with self.assertRaises(AccessError):
            supervisor_step.with_user(self.users["specialist2"]).write({"status": "rejected"})
        supervisor_step.with_user(self.users["supervisor"]).write(
            {"status": "approved", "done_by": self.users["supervisor"].id, "comment": "Within the band"}
        )
        self.assertEqual(supervisor_step.status, "approved")
        with self.assertRaises(AccessError):
            supervisor_step.with_user(self.users["supervisor"]).write({"status": "pending"})

    def test_only_the_approvers_or_the_next_level_escalate(self):
        """DC-11 / X-5: another specialist cannot escalate a step; its approver, the next level and the
        requester can, and only to the tier's next level."""
        _order, reviews = self._requested()
        supervisor_step = reviews[0]
        with self.assertRaisesRegex(AccessError, "escalated only by its approvers"):
            supervisor_step.with_user(self.users["specialist2"]).action_sales_escalate()
        self.assertFalse(supervisor_step.sales_escalated_group_id)
        supervisor_step.with_user(self.users["supervisor"]).action_sales_escalate()
        self.assertEqual(
            supervisor_step.sales_escalated_group_id, self.env.ref("sales_doc_control.group_sales_manager")
        )
        self.assertIn(self.users["manager"], supervisor_step.reviewer_ids)

    def test_the_approval_buttons_still_work_for_the_approvers(self):
        """DC-3: the guard leaves the supervisor's and the manager's own decisions through the buttons."""
        order, _reviews = self._requested()
        self._decide(order, "supervisor")
        self._decide(order, "manager")
        self.assertEqual(order.validation_status, "validated")
        self.assertEqual(order.review_ids.done_by, self.users["supervisor"] | self.users["manager"])


class TestApprovalRecordKept(SaleApprovalCase):
    """DC-3 / DC-11 / X-6: the reviews are the quotation's approval record (报价审批记录), kept with it."""

    def _deleters(self):
        return [self.users[role] for role in ("specialist", "supervisor", "manager", "gm")] + [
            self.env.ref("base.user_admin")
        ]

    def test_nobody_deletes_a_review(self):
        """DC-3 / DC-11 / X-6: approved, rejected and pending steps cannot be deleted by anyone, the sales
        manager and the administrator included, nor by code in sudo; the error says the record is filed with
        the quotation."""
        approved = self._quotation()
        self._approve_quotation(approved)
        rejected = self._quotation()
        rejected.with_user(self.users["specialist"]).request_validation()
        self._decide(rejected, "supervisor", decision="reject", comment="Too cheap")
        pending = self._quotation()
        pending.with_user(self.users["specialist"]).request_validation()
        for order in (approved, rejected, pending):
            reviews = order.review_ids
            for user in self._deleters():
                with self.assertRaisesRegex(UserError, "approval record filed with the document", msg=user.name):
                    reviews[:1].with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "Restart Validation"):
                reviews.sudo().unlink()
            with self.assertRaises(UserError):
                # The workflow's release is a recordset of the documents, not a flag an RPC call could send.
                reviews.with_context(sales_reviews_released_by=True).unlink()
            self.assertEqual(order.review_ids, reviews)
        self.assertEqual(approved.review_ids.mapped("status"), ["approved", "approved"])
        self.assertEqual(approved.review_ids.done_by, self.users["supervisor"] | self.users["manager"])

    def test_tier_validation_still_starts_over_and_cancels(self):
        """DC-3 / X-6: restarting the validation of a quotation and cancelling one remove their reviews, as tier
        validation does, so that the approval can be requested again."""
        order = self._quotation()
        self._approve_quotation(order)
        order.with_user(self.users["specialist"]).restart_validation()
        self.assertFalse(order.review_ids)
        self._approve_quotation(order)
        self.assertEqual(order.validation_status, "validated")
        cancelled = self._quotation()
        cancelled.with_user(self.users["specialist"]).request_validation()
        cancelled.with_user(self.users["specialist"]).action_cancel()
        self.assertEqual(cancelled.state, "cancel")
        self.assertFalse(cancelled.review_ids)

    def test_reviews_go_with_a_deleted_quotation_only(self):
        """DC-3 / X-6: deleting a draft quotation removes its reviews with it; a confirmed contract cannot be
        deleted, and its review record stays."""
        order = self._quotation()
        self._approve_quotation(order)
        reviews = order.review_ids
        order.with_user(self.users["manager"]).unlink()
        self.assertFalse(reviews.exists())
        contract = self._quotation()
        contract.with_user(self.users["gm"]).action_confirm()
        reviews = contract.review_ids
        self.assertTrue(reviews)
        with self.assertRaises(UserError):
            contract.with_user(self.users["manager"]).unlink()
        self.assertEqual(contract.review_ids, reviews)

    def test_uninstall_removes_reviews(self):
        """X-2 / X-6: uninstalling a module still removes the reviews it must."""
        order = self._quotation()
        self._approve_quotation(order)
        reviews = order.review_ids
        with self.assertRaises(UserError):
            # The flag alone, which any client can send, removes nothing.
            reviews.with_user(self.users["manager"]).with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        reviews.sudo().with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(reviews.exists())


class TestStepDeadlines(SaleApprovalCase):
    def test_a_step_deadline_starts_when_it_is_its_turn(self):
        """DC-11: with the shipped quotation tiers, the manager's step has no deadline and is not overdue
        while the supervisor decides; its deadline runs from the supervisor's approval."""
        self.company.resource_calendar_id = self.env["resource.calendar"].create({"name": "SCT 8-17", "tz": "UTC"})
        supervisor_tier = self.env.ref("sales_doc_control.tier_quotation_supervisor")
        manager_tier = self.env.ref("sales_doc_control.tier_quotation_manager")
        with freeze_time(MONDAY_10):
            order = self._quotation()
            order.with_user(self.users["specialist"]).request_validation()
        supervisor_step = order.review_ids.filtered(lambda r: r.definition_id == supervisor_tier)
        manager_step = order.review_ids.filtered(lambda r: r.definition_id == manager_tier)
        self.assertEqual(supervisor_step.sales_deadline, datetime(2026, 11, 23, 17, 0))
        self.assertFalse(manager_step.sales_deadline)
        with freeze_time(datetime(2026, 11, 24, 10, 0)):
            overdue = self.env["tier.review"].search([("sales_overdue", "=", True), ("res_id", "=", order.id)])
            self.assertEqual(overdue, supervisor_step)
            manager_step.invalidate_recordset(["sales_overdue"])
            self.assertFalse(manager_step.sales_overdue)
            self.env["tier.review"]._cron_sales_overdue_reviews()
            self.assertTrue(supervisor_step.sales_overdue_notified)
            self.assertFalse(manager_step.sales_overdue_notified)
            self.assertFalse(manager_step.sales_escalated_group_id)
            self.assertTrue(order.activity_ids)
            self.assertFalse(order.activity_ids.filtered(lambda a: manager_tier.name in (a.summary or "")))
            self._decide(order, "supervisor")
        self.assertEqual(manager_step.sales_deadline, datetime(2026, 11, 24, 17, 0))
