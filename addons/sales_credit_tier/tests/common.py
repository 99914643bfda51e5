# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.sales_doc_control.tests.common import ROLE_GROUPS


class CreditCase(AccountTestInvoicingCommon):
    """Accounting set-up, one user per suite role and helpers to build a customer's exposure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, no_reset_password=True))
        cls.company = cls.env.company
        # Quotation approval and contract review (sales_doc_control) are other matters: these tests
        # cover the credit tiers only.
        cls.company.write({"sales_quotation_approval": "amount", "sales_quotation_approval_amount": 1e12})
        # Dispatch notices (sales_dispatch_gate) would take over the instruction to ship and guard the
        # deliveries these tests make; with the module installed, its company switch leaves them to the orders.
        if "dispatch_control" in cls.company._fields:
            cls.company.dispatch_control = False
        cls.env["tier.definition"].search(
            [("model", "=", "sale.order"), ("sales_credit_approval", "=", False)]
        ).active = False
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"sct_credit_{role}",
                name=f"SCT credit {role}",
                groups=group,
                company_id=cls.company.id,
                company_ids=[cls.company.id],
            )
            for role, group in ROLE_GROUPS.items()
        }
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.cash_term = cls.env.ref("account.account_payment_term_immediate")
        cls.term_30 = cls.env.ref("account.account_payment_term_30days")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Polyester yarn 150D",
                "type": "consu",
                "is_storable": True,
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "delivery",
            }
        )
        cls.service = cls.env["product.product"].create(
            {"name": "Dyeing service", "type": "service", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.receivable_account = cls.company_data["default_account_receivable"]
        cls.bank_account = cls.company_data["default_journal_bank"].default_account_id

    @contextmanager
    def assertUserError(self, pattern):
        """assertRaises rolls the savepoint back (assertRaisesRegex does not); then match the message."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def make_customer(cls, name, grade=False, limit=0.0, user=None):
        partner = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "customer_rank": 1, "user_id": (user or cls.users["specialist"]).id}
        )
        # Superuser: tests set grades directly; users go through credit applications.
        partner.sudo().write({"credit_grade": grade, "credit_limit": limit})
        return partner

    @classmethod
    def make_order(cls, partner, qty=1.0, price=100.0, product=None, user=None, term=None, pricelist=None):
        values = {
            "partner_id": partner.id,
            "user_id": (user or cls.users["specialist"]).id,
            "order_line": [
                Command.create(
                    {
                        "product_id": (product or cls.service).id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "tax_id": [],
                    }
                )
            ],
        }
        if term:
            values["payment_term_id"] = term.id
        if pricelist:
            values["pricelist_id"] = pricelist.id
        return cls.env["sale.order"].create(values)

    @classmethod
    def make_invoice(
        cls, partner, amount, days_ago=0, due_days=30, move_type="out_invoice", currency=None, company=None
    ):
        company = company or cls.company
        invoice_date = cls.today - timedelta(days=days_ago)
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "date": invoice_date,
                    "invoice_date_due": invoice_date + timedelta(days=due_days),
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [
                        Command.create({"name": "yarn", "quantity": 1, "price_unit": amount, "tax_ids": []})
                    ],
                }
            )
        )
        move.action_post()
        return move

    @classmethod
    def make_payment_entry(cls, partner, amount):
        """A customer payment booked on the receivable account (unreconciled)."""
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "date": cls.today,
                "line_ids": [
                    Command.create({"account_id": cls.bank_account.id, "debit": amount, "name": "payment"}),
                    Command.create(
                        {
                            "account_id": cls.receivable_account.id,
                            "partner_id": partner.id,
                            "credit": amount,
                            "name": "payment",
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount):
        payment = cls.make_payment_entry(invoice.partner_id, amount)
        lines = (invoice.line_ids | payment.line_ids).filtered(lambda line: line.account_id == cls.receivable_account)
        lines.reconcile()
        return payment

    @classmethod
    def deliver(cls, order, qty):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=False)._action_done()
        return picking

    @classmethod
    def put_in_stock(cls, product, qty):
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, qty)
