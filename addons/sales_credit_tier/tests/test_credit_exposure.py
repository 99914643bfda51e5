# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditExposure(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency_eur = cls.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        cls.company_2 = cls.setup_other_company()["company"]
        if "dispatch_control" in cls.company_2._fields:
            # sales_dispatch_gate: confirmed orders, not dispatch notices, are the instruction here.
            cls.company_2.dispatch_control = False
        cls.customer = cls.make_customer("Jiangsu Xinhua Weaving", grade="b", limit=100000.0)

    def test_grade_definitions_are_the_seed_ones(self):
        """CT-1: the four grades with the seed's definitions as help, new customers ungraded with limit 0."""
        field = self.env["res.partner"]._fields["credit_grade"]
        self.assertEqual([key for key, _label in field.selection], ["a", "b", "c", "d"])
        self.assertIn("five consecutive months", field.help)
        self.assertIn("more than six months late", field.help)
        new = self.env["res.partner"].create({"name": "New prospect", "is_company": True})
        self.assertFalse(new.credit_grade)
        self.assertEqual(new.credit_limit, 0.0)
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.customer.id})
        self.assertEqual(contact.credit_grade, "b", "the grade lives on the commercial partner")

    def test_receivable_parts_and_overdue_by_hand(self):
        """CT-3: invoices, partial payment, credit note, unreconciled payment and a foreign invoice."""
        overdue_invoice = self.make_invoice(self.customer, 1000.0, days_ago=40, due_days=30)
        self.pay(overdue_invoice, 300.0)
        self.make_invoice(self.customer, 500.0, days_ago=5, due_days=30)
        self.make_invoice(self.customer, 200.0, days_ago=2, move_type="out_refund")
        self.make_payment_entry(self.customer, 150.0)
        self.make_invoice(self.customer, 400.0, days_ago=1, currency=self.currency_eur)
        draft = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [(0, 0, {"name": "draft", "quantity": 1, "price_unit": 999.0, "tax_ids": []})],
            }
        )
        self.assertEqual(draft.state, "draft")
        exposure = self.customer._get_credit_exposure()
        # 700 left on the overdue invoice + 500 - 200 credit note - 150 payment + 400 EUR at 2 EUR per unit
        self.assertAlmostEqual(exposure["receivable"], 1050.0)
        self.assertAlmostEqual(exposure["overdue_amount"], 700.0)
        self.assertEqual(exposure["overdue_days"], 10)
        self.assertAlmostEqual(exposure["total"], 1050.0)
        self.assertAlmostEqual(self.customer.credit_available, 100000.0 - 1050.0)

    def test_shipped_and_instructed_parts_by_hand(self):
        """CT-3: delivered not invoiced, confirmed not delivered, foreign-currency order, other company."""
        self.put_in_stock(self.product, 100.0)
        order = self.make_order(self.customer, qty=10.0, price=100.0, product=self.product, user=self.users["gm"])
        order.with_user(self.users["gm"]).action_confirm()
        self.deliver(order, 4.0)
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": self.currency_eur.id})
        order_eur = self.make_order(self.customer, qty=5.0, price=100.0, user=self.users["gm"], pricelist=pricelist)
        order_eur.with_user(self.users["gm"]).action_confirm()
        self.customer.with_company(self.company_2).sudo().credit_limit = 100000.0
        other = (
            self.env["sale.order"]
            .with_company(self.company_2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company_2.id,
                    "order_line": [
                        (0, 0, {"product_id": self.service.id, "product_uom_qty": 1, "price_unit": 777.0, "tax_id": []})
                    ],
                }
            )
        )
        other.action_confirm()
        exposure = self.customer._get_credit_exposure()
        self.assertAlmostEqual(exposure["shipped_not_invoiced"], 400.0)
        # 6 undelivered units at 100 + 500 EUR at 2 EUR per unit; the other company's order is not counted
        self.assertAlmostEqual(exposure["instructed_not_shipped"], 850.0)
        self.assertAlmostEqual(exposure["total"], 1250.0)
        in_company_2 = self.customer.with_company(self.company_2)._get_credit_exposure()
        self.assertAlmostEqual(in_company_2["instructed_not_shipped"], 777.0)
        self.assertAlmostEqual(in_company_2["shipped_not_invoiced"], 0.0)

    def test_invoiced_order_is_not_counted_twice(self):
        """CT-3: an order invoiced before delivery counts once, in the receivables."""
        self.service.invoice_policy = "order"
        order = self.make_order(self.customer, qty=10.0, price=100.0, user=self.users["gm"])
        order.with_user(self.users["gm"]).action_confirm()
        order._create_invoices().action_post()
        exposure = self.customer._get_credit_exposure()
        self.assertAlmostEqual(exposure["receivable"], 1000.0)
        self.assertAlmostEqual(exposure["shipped_not_invoiced"], 0.0)
        self.assertAlmostEqual(exposure["instructed_not_shipped"], 0.0)
        self.assertAlmostEqual(exposure["total"], 1000.0)

    def test_other_company_invoices_are_not_counted(self):
        """CT-3: multi-company: each company sees its own receivables only."""
        self.make_invoice(self.customer, 300.0, company=self.company_2)
        self.make_invoice(self.customer, 100.0)
        self.assertAlmostEqual(self.customer._get_credit_exposure()["receivable"], 100.0)
        self.assertAlmostEqual(self.customer.with_company(self.company_2)._get_credit_exposure()["receivable"], 300.0)

    def test_query_count_does_not_grow(self):
        """CT-3: a fixed number of queries whatever the number of open items or customers."""
        one = self.make_customer("One item")
        self.make_invoice(one, 100.0)
        many = self.env["res.partner"]
        for index in range(5):
            partner = self.make_customer(f"Many items {index}")
            for amount in (10.0, 20.0, 30.0):
                self.make_invoice(partner, amount)
            many |= partner
        self.env.flush_all()
        # warm the registry caches (rules, currencies) so that only the work itself is counted
        (one | many)._credit_exposure_map(self.company)
        # one bound for 1 customer with 1 item and 5 customers with 3 items each: 3 aggregate
        # queries plus the company, currency and user reads
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            one._credit_exposure_map(self.company)
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            exposure = many._credit_exposure_map(self.company)
        self.assertEqual({round(values["receivable"]) for values in exposure.values()}, {60})
        self.env.invalidate_all()
        with self.assertQueryCount(8):
            # the computed fields add only the prefetch of the partners and of their limits
            self.assertEqual(sum(many.mapped("credit_receivable")), 300.0)

    def test_hook_instructed_not_shipped_is_overridable(self):
        """CT-3: the instructed-not-shipped part comes from a hook that returns amounts per customer."""
        self.assertEqual(self.customer._credit_instructed_not_shipped(self.company), {})

    def test_gate_guard_cannot_read_exposure(self):
        """X-5: a gate guard sees nothing of the credit module."""
        with self.assertRaises(AccessError):
            self.env["sales.credit.decision"].with_user(self.users["guard"]).search([])
        with self.assertRaises(AccessError):
            self.env["sales.credit.change"].with_user(self.users["guard"]).search([])
