# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..hooks import post_init_hook
from .common import SalesControlCase


@tagged("post_install", "-at_install")
class TestInvoiceRegister(SalesControlCase, AccountTestInvoicingCommon):
    """Customer invoices and credit notes in the document register, in a company with a chart of accounts
    of its own (no demo data needed; after install, when charts of accounts load cleanly). The test
    environment is an accountant's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.users["finance"]
        cls.accountant.groups_id = [Command.link(cls.env.ref("account.group_account_invoice").id)]

    def _invoice(self, move_type="out_invoice", user="specialist", partner=None, amount=100.0):
        return self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or self.customer).id,
                "invoice_date": date(2026, 3, 2),
                "invoice_user_id": self.users[user].id if user else False,
                "invoice_line_ids": [Command.create({"name": "yarn", "quantity": 1, "price_unit": amount})],
            }
        )

    def _document(self, records):
        # What the register holds, whoever may read it (reading as each role is tested below).
        return (
            self.env["sales.document"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", records._name), ("res_id", "in", records.ids)])
        )

    @contextmanager
    def _register_queries(self):
        """The SQL queries on the register's table run inside the block (Odoo's own query capture)."""
        queries = []
        yield from self._patchExecute(queries)
        queries[:] = [query for query in queries if "sales_document" in query]

    def test_posted_invoice_and_credit_note_are_registered(self):
        """DC-8/DC-9: posting a customer invoice or credit note registers it once, as an order-processing
        document (订单处理文件) of its salesperson, internal like the order it bills; a draft is not registered."""
        invoice = self._invoice()
        refund = self._invoice(move_type="out_refund", amount=30.0)
        self.assertFalse(self._document(invoice | refund), "drafts are not documents yet")
        (invoice | refund).with_user(self.accountant).action_post()
        doc_type = self.env.ref("sales_doc_control.document_type_customer_invoice")
        for move in (invoice, refund):
            document = self._document(move)
            self.assertEqual(len(document), 1)
            self.assertEqual(document.type_id, doc_type)
            self.assertEqual(document.category, "order")
            self.assertEqual(document.confidentiality, "internal")
            self.assertEqual(document.user_id, self.users["specialist"])
            self.assertEqual(document.partner_id, self.customer)
            self.assertEqual(document.name, move.name)
            self.assertEqual(document.date, date(2026, 3, 2))
            self.assertEqual(document.state_key, "posted")
            self.assertEqual(move.sales_document_id, document)
            self.assertEqual(move.sales_confidentiality, "internal")

    def test_register_follows_reset_cancel_and_salesperson(self):
        """DC-8: an invoice reset to draft or cancelled keeps its row (its number was issued), with its
        status; a change of salesperson moves the row to the new salesperson."""
        invoice = self._invoice()
        invoice.action_post()
        document = self._document(invoice)
        invoice.invoice_user_id = self.users["specialist2"]
        self.assertEqual(document.user_id, self.users["specialist2"])
        invoice.button_draft()
        self.assertEqual(self._document(invoice), document)
        self.assertEqual((document.state_key, document.state), ("draft", "Draft"))
        invoice.button_cancel()
        self.assertEqual(document.state_key, "cancel")
        # Reposting the same invoice does not register it twice.
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(self._document(invoice), document)
        self.assertEqual(document.state_key, "posted")

    def test_invoices_posted_together_are_registered_in_one_batch(self):
        """DC-8/X-7: the invoices posted in one call are registered set-based: one INSERT into the register
        for all of them, and as many register queries for three invoices as for one."""
        # The customer's file is registered with the first invoice; measure the invoices alone.
        self._invoice().action_post()
        single = self._invoice()
        with self._register_queries() as one:
            single.action_post()
        three = self._invoice() | self._invoice(user="specialist2") | self._invoice(move_type="out_refund")
        with self._register_queries() as many:
            three.action_post()
        inserts = [query for query in many if query.lstrip().upper().startswith('INSERT INTO "SALES_DOCUMENT"')]
        self.assertEqual(len(inserts), 1, many)
        self.assertEqual(len(many), len(one), many)
        self.assertEqual(len(self._document(three)), 3)

    def test_first_invoice_registers_the_customer_file(self):
        """DC-8/X-7: the first invoice of a partner makes it a customer and registers its file (客户基本资料)
        with the invoice; later invoices leave the file alone and cost the register what an invoice of any
        known customer costs."""
        self._invoice().action_post()
        with self._register_queries() as known_customer:
            self._invoice().action_post()
        partner = self.env["res.partner"].create({"name": "SCT Weaving Mill", "is_company": True})
        first, second = self._invoice(partner=partner), self._invoice(partner=partner)
        with self._register_queries() as first_invoice:
            first.action_post()
        customer_file = self._document(partner)
        self.assertEqual(customer_file.type_id.code, "customer_basic")
        with self._register_queries() as second_invoice:
            second.action_post()
        self.assertEqual(self._document(partner), customer_file)
        self.assertGreater(len(first_invoice), len(second_invoice))
        self.assertEqual(len(second_invoice), len(known_customer))
        self.assertEqual([doc.type_id.code for doc in self._document(first | second)], ["customer_invoice"] * 2)

    def test_vendor_bills_and_entries_are_not_registered(self):
        """DC-8: vendor bills, vendor refunds and journal entries are no sales documents: posting them writes
        nothing in the register and runs no query on it."""
        vendor = self.env["res.partner"].create({"name": "SCT Dye Supplier", "is_company": True})
        bill = self._invoice(move_type="in_invoice", user=None, partner=vendor)
        vendor_refund = self._invoice(move_type="in_refund", user=None, partner=vendor, amount=10.0)
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "line_ids": [
                    Command.create(
                        {"account_id": self.company_data["default_account_revenue"].id, "credit": 50.0, "name": "x"}
                    ),
                    Command.create(
                        {"account_id": self.company_data["default_account_expense"].id, "debit": 50.0, "name": "x"}
                    ),
                ],
            }
        )
        moves = bill | vendor_refund | entry
        with self._register_queries() as queries:
            moves.action_post()
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertFalse(self._document(moves))
        self.assertFalse(queries)
        self.assertFalse(bill.sales_document_id)

    def test_salespeople_read_the_rows_of_their_own_invoices(self):
        """DC-9: a specialist reads the row of his invoice; another specialist's confidential invoice is hidden
        from him but read by the sales manager; the gate guard reads no row."""
        own = self._invoice()
        other = self._invoice(user="specialist2")
        (own | other).action_post()
        own_document, other_document = self._document(own), self._document(other)
        other_document.with_user(self.users["manager"]).confidentiality = "confidential"
        own_document.with_user(self.users["manager"]).confidentiality = "confidential"
        documents = self.as_role("specialist", "sales.document")
        self.assertEqual(documents.search([("res_model", "=", "account.move")]), own_document)
        self.assertEqual(own_document.with_user(self.users["specialist"]).name, own.name)
        with self.assertRaises(AccessError):
            other_document.with_user(self.users["specialist"]).read(["name"])
        self.assertEqual(other_document.with_user(self.users["specialist2"]).name, other.name)
        self.assertEqual(other_document.with_user(self.users["manager"]).name, other.name)
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.document").search([("res_model", "=", "account.move")])
        with self.assertRaises(AccessError):
            own_document.with_user(self.users["specialist"]).confidentiality = "public"

    def test_install_registers_the_documents_that_existed_before(self):
        """DC-8: a company already running Odoo installs the module: its posted customer invoices, its orders and
        quotations and its customers enter the register at install (a draft invoice and a vendor bill do not);
        registering again adds nothing."""
        other = self.env["res.partner"].create(
            {"name": "Shaoxing Old Customer", "is_company": True, "customer_rank": 3}
        )
        invoice = self._invoice(partner=other)
        invoice.action_post()
        draft = self._invoice(amount=50.0)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": other.id,
                "invoice_date": date(2026, 3, 2),
                "invoice_line_ids": [Command.create({"name": "dye", "quantity": 1, "price_unit": 10.0})],
            }
        )
        bill.action_post()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "date_order": "2025-11-20 09:00:00",
                "order_line": [Command.create({"product_id": self.product_a.id, "product_uom_qty": 2.0})],
            }
        )
        records = [other, invoice, draft, bill, order, self.customer]
        # As if they were there before the install: no row yet.
        self.env.flush_all()
        for record in records:
            self.env.cr.execute(
                "DELETE FROM sales_document WHERE res_model = %s AND res_id = %s", (record._name, record.id)
            )
        self.env.invalidate_all()
        self.assertFalse(any(self._document(record) for record in records))

        post_init_hook(self.env)
        self.assertEqual(self._document(invoice).type_id.code, "customer_invoice")
        self.assertEqual(self._document(invoice).name, invoice.name)
        self.assertEqual(self._document(order).type_id.code, "quotation")
        # Each keeps its own day, not the install's: the register is searched by period.
        self.assertEqual(self._document(order).date, date(2025, 11, 20))
        self.assertEqual(self._document(invoice).date, date(2026, 3, 2))
        self.assertEqual(self._document(other).type_id.code, "customer_basic")
        self.assertEqual(self._document(self.customer).type_id.code, "customer_basic", "the customer of an order")
        self.assertFalse(self._document(draft | bill), "a draft invoice and a vendor bill are no sales documents")

        rows = self.env["sales.document"].sudo().with_context(active_test=False).search_count([])
        post_init_hook(self.env)
        self.assertEqual(self.env["sales.document"].sudo().with_context(active_test=False).search_count([]), rows)
