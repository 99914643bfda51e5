# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .sale_common import SaleApprovalCase

MONDAY_10 = datetime(2026, 11, 23, 10, 0)


class TestLegalReviewSetting(SaleApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sales_quotation_approval = "price"
        cls.legal_tier = cls.env.ref("sales_doc_control.tier_contract_legal")

    def _tiers(self, order):
        order.with_user(self.users["specialist"]).action_quotation_sent()
        return order.with_user(self.users["manager"]).request_validation().definition_id

    def test_legal_review_follows_the_company_setting(self):
        """DC-4: the legal review trigger is a setting: marked contracts, above an amount, or every contract."""
        self.assertEqual(self.company.sales_legal_review, "flagged")
        self.assertNotIn(self.legal_tier, self._tiers(self._quotation()))
        self.assertIn(self.legal_tier, self._tiers(self._quotation(sales_non_standard_contract=True)))
        self.company.write({"sales_legal_review": "amount", "sales_legal_review_amount": 5000.0})
        self.assertNotIn(self.legal_tier, self._tiers(self._quotation(qty=10)))
        self.assertIn(self.legal_tier, self._tiers(self._quotation(qty=100)))
        self.company.sales_legal_review = "always"
        self.assertIn(self.legal_tier, self._tiers(self._quotation(qty=1)))
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.sales_legal_review, "always")

    def test_only_a_manager_clears_the_non_standard_mark(self):
        """DC-4 / X-5: the salesperson cannot untick "non-standard" to avoid the legal review."""
        order = self._quotation(sales_non_standard_contract=True)
        with self.assertRaisesRegex(AccessError, "only a sales manager may clear the mark"):
            order.with_user(self.users["specialist"]).sales_non_standard_contract = False
        with self.assertRaises(AccessError):
            order.with_user(self.users["supervisor"]).sales_non_standard_contract = False
        order.with_user(self.users["manager"]).sales_non_standard_contract = False
        self.assertFalse(order.sales_non_standard_contract)
        order.with_user(self.users["specialist"]).sales_non_standard_contract = True
        self.assertTrue(order.sales_non_standard_contract)


class TestNoSelfApproval(SaleApprovalCase):
    def test_a_manager_does_not_approve_his_own_quotation(self):
        """DC-3: a sales manager selling himself is not a reviewer of his own quotation; another manager is."""
        order = self._quotation(user="manager")
        with self.assertRaisesRegex(UserError, "has not been approved"):
            order.with_user(self.users["manager"]).action_quotation_sent()
        order.with_user(self.users["manager"]).request_validation()
        self.assertTrue(order.review_ids)
        for review in order.review_ids:
            self.assertNotIn(self.users["manager"], review.reviewer_ids)
        self.assertFalse(order.with_user(self.users["manager"]).can_review)
        self._decide(order, "supervisor")
        self._decide(order, "gm")
        self.assertEqual(order.validation_status, "validated")
        order.with_user(self.users["manager"]).action_quotation_sent()
        self.assertEqual(order.state, "sent")
        with self.assertRaises(ValidationError):
            order.with_user(self.users["manager"]).action_confirm()


class TestAmendmentDeadlines(SaleApprovalCase):
    def test_contract_change_steps_have_deadlines_and_appear_in_the_overdue_view(self):
        """DC-11: the shipped contract-change tiers have a deadline, and an overdue contract-change step is
        listed in the one overdue approvals view with the quotation steps."""
        manager_tier = self.env.ref("sales_doc_control.tier_amendment_manager")
        gm_tier = self.env.ref("sales_doc_control.tier_amendment_general_manager")
        self.assertNotEqual(manager_tier.sales_deadline_type, "none")
        self.assertNotEqual(gm_tier.sales_deadline_type, "none")
        self.assertEqual(manager_tier.authority_matter_id.code, "sales_contract_review")
        self.company.resource_calendar_id = self.env["resource.calendar"].create({"name": "SCT 8-17", "tz": "UTC"})
        order = self._quotation()
        order.with_user(self.users["gm"]).action_confirm()
        with freeze_time(MONDAY_10):
            amendment = self.as_role("specialist", "sales.contract.amendment").create(
                {
                    "order_id": order.id,
                    "amendment_type": "quantity",
                    "reason": "More fibre",
                    "line_ids": [(0, 0, {"order_line_id": order.order_line.id, "new_quantity": 12})],
                }
            )
            amendment.with_user(self.users["specialist"]).request_validation()
            quotation = self._quotation()
            quotation.with_user(self.users["specialist"]).request_validation()
        step = amendment.review_ids
        self.assertEqual(step.sales_deadline, datetime(2026, 11, 25, 10, 0))
        action = self.env.ref("sales_doc_control.tier_review_overdue_action")
        overdue_filter = [("sales_overdue", "=", True)]
        self.assertTrue(safe_eval(action.context).get("search_default_overdue"))
        with freeze_time(datetime(2026, 11, 26, 10, 0)):
            listed = self.env[action.res_model].with_user(self.users["manager"]).search(overdue_filter)
        self.assertIn(step, listed)
        self.assertIn("sales.contract.amendment", listed.mapped("model"))
        self.assertIn("sale.order", listed.mapped("model"))


class TestReviewFollowUp(SaleApprovalCase):
    def test_overdue_step_without_a_superior_tells_the_next_level(self):
        """DC-11: when the approvers have no superior on file, the tier's next level is told."""
        self.company.resource_calendar_id = self.env["resource.calendar"].create({"name": "SCT 8-17", "tz": "UTC"})
        with freeze_time(MONDAY_10):
            order = self._quotation()
            order.with_user(self.users["specialist"]).request_validation()
        order.review_ids.reviewer_ids.sudo().write({"sales_superior_id": False})
        with freeze_time(datetime(2026, 11, 24, 10, 0)):
            self.env["tier.review"]._cron_sales_overdue_reviews()
        notice = order.message_ids.filtered(lambda m: "passed its deadline" in (m.body or ""))
        self.assertTrue(notice)
        self.assertIn(self.users["manager"].partner_id, notice.partner_ids)

    def test_review_list_shows_document_names_only_to_their_readers(self):
        """DC-9 / X-5: the document name on a review is shown only to users who may read the document."""
        order = self._quotation()
        order.with_user(self.users["specialist"]).request_validation()
        review = order.review_ids[:1]
        self.assertEqual(review.with_user(self.users["supervisor"]).sales_record_name, order.name)
        outsider = new_test_user(self.env, login="sct_outsider", groups="base.group_user")
        self.assertFalse(review.with_user(outsider).sales_record_name)


class TestDuplicateOnEveryPath(SaleApprovalCase):
    def test_quick_create_and_import_warn_of_a_duplicate(self):
        """DC-10: a customer created without the form (quick create, import, RPC) gets the duplicate warning."""
        partners = self.env["res.partner"].with_user(self.users["assistant"])
        _id, _name = partners.name_create("SCT Customer")
        duplicate = partners.browse(_id)
        self.assertIn(self.customer, duplicate.sales_duplicate_ids)
        self.assertTrue(duplicate.message_ids.filtered(lambda m: "already exist" in (m.body or "")))
        fresh = partners.create({"name": "SCT Unique Customer 4711"})
        self.assertFalse(fresh.message_ids.filtered(lambda m: "already exist" in (m.body or "")))


class TestShippedTiers(SaleApprovalCase):
    def test_shipped_tiers_are_kept_on_update_and_linked_to_their_matter(self):
        """DC-2 / DC-3 / DC-4 / DC-6: the shipped quotation, contract and contract-change tiers are data that
        updates leave alone (administrators adapt them) and each puts a row of the authority matrix into practice."""
        codes = {
            "tier_quotation_supervisor": "quotation_approval",
            "tier_quotation_manager": "quotation_approval",
            "tier_contract_manager": "sales_contract_review",
            "tier_contract_finance": "sales_contract_review",
            "tier_contract_legal": "sales_contract_review",
            "tier_contract_general_manager": "sales_contract_review",
            "tier_amendment_manager": "sales_contract_review",
            "tier_amendment_general_manager": "sales_contract_review",
        }
        data = self.env["ir.model.data"].search([("module", "=", "sales_doc_control"), ("name", "in", list(codes))])
        self.assertEqual(len(data), len(codes))
        self.assertTrue(all(data.mapped("noupdate")))
        for name, code in codes.items():
            tier = self.env.ref(f"sales_doc_control.{name}")
            self.assertEqual(tier.authority_matter_id.code, code, name)
            self.assertNotEqual(tier.sales_deadline_type, "none", name)
