# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .sale_common import SaleApprovalCase


class TestContractReview(SaleApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Quotations go out without approval here, so only the contract review is at stake.
        cls.company.sales_quotation_approval = "price"
        cls.net30 = cls.env.ref("account.account_payment_term_30days")

    def _contract(self, **vals):
        order = self._quotation(**vals)
        order.action_quotation_sent()
        return order

    def _tiers(self, order):
        return order.with_user(self.users["manager"]).request_validation().mapped("definition_id")

    def test_sales_manager_reviews_every_contract(self):
        """DC-4: no order is confirmed before the sales manager's contract review."""
        order = self._contract()
        with self.assertRaises(ValidationError):
            order.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(self._tiers(order), self.env.ref("sales_doc_control.tier_contract_manager"))
        self._decide(order, "manager", comment="Quantities and delivery confirmed")
        order.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_cash_orders_skip_finance_and_credit_terms_without_limit_need_it(self):
        """DC-4: finance reviews credit terms without an approved limit or off the agreed term; cash skips it."""
        finance_tier = self.env.ref("sales_doc_control.tier_contract_finance")
        cash = self._contract()
        self.assertFalse(cash.sales_special_payment_terms)
        self.customer.property_payment_term_id = self.net30
        self.customer.credit_limit = 0.0
        on_credit = self._contract(payment_term_id=self.net30.id)
        self.assertTrue(on_credit.sales_special_payment_terms)
        self.assertIn(finance_tier, self._tiers(on_credit))
        self.customer.credit_limit = 50000.0
        agreed = self._contract(payment_term_id=self.net30.id)
        self.assertFalse(agreed.sales_special_payment_terms)
        off_term = self._contract(payment_term_id=self.env.ref("account.account_payment_term_end_following_month").id)
        self.assertTrue(off_term.sales_special_payment_terms)

    def test_finance_must_approve_before_the_manager_can_confirm(self):
        """DC-4: the sales manager confirming does not skip a pending finance review."""
        self.customer.property_payment_term_id = self.net30
        order = self._contract(payment_term_id=self.net30.id)
        with self.assertRaises(ValidationError):
            order.with_user(self.users["manager"]).action_confirm()
        order.with_user(self.users["manager"]).request_validation()
        self._decide(order, "manager")
        with self.assertRaises(ValidationError):
            order.with_user(self.users["manager"]).action_confirm()
        self._decide(order, "finance", comment="Customer's payment record is good")
        order.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_non_standard_contract_goes_to_legal(self):
        """DC-4: a contract flagged non-standard is reviewed by legal."""
        order = self._contract(sales_non_standard_contract=True)
        self.assertIn(self.env.ref("sales_doc_control.tier_contract_legal"), self._tiers(order))

    def test_general_manager_for_large_or_non_regular_contracts(self):
        """DC-4: above the GM amount or with a non-regular product, the general manager approves."""
        gm_tier = self.env.ref("sales_doc_control.tier_contract_general_manager")
        small = self._contract(qty=10)
        self.assertNotIn(gm_tier, self._tiers(small))
        large = self._contract(qty=1001)
        self.assertTrue(large.sales_gm_approval_required)
        self.assertIn(gm_tier, self._tiers(large))
        self.product.sales_non_regular = True
        custom = self._contract(qty=1)
        self.assertTrue(custom.sales_non_regular_product)
        self.assertIn(gm_tier, self._tiers(custom))
        self.company.sales_gm_approval_amount = 200000.0
        self.product.sales_non_regular = False
        self.assertFalse(self._contract(qty=1001).sales_gm_approval_required)

    def test_quotation_reviews_are_kept_when_the_contract_is_reviewed(self):
        """DC-3 / DC-4: the contract review is asked after, and beside, the quotation approval."""
        self.company.sales_quotation_approval = "all"
        order = self._quotation()
        self._approve_quotation(order)
        order.with_user(self.users["specialist"]).action_quotation_sent()
        contract_reviews = order.with_user(self.users["specialist"]).request_validation()
        self.assertEqual(contract_reviews.definition_id, self.env.ref("sales_doc_control.tier_contract_manager"))
        self.assertEqual(len(order.review_ids), 3)
        self.assertGreater(min(contract_reviews.mapped("sequence")), 2)
        self._decide(order, "manager")
        order.with_user(self.users["specialist"]).action_confirm()
        self.assertEqual(order.state, "sale")
