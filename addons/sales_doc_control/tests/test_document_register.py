# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from datetime import date

from odoo.exceptions import AccessError

from .sale_common import SaleApprovalCase


class TestDocumentRegister(SaleApprovalCase):
    def _document(self, record):
        return self.env["sales.document"].search([("res_model", "=", record._name), ("res_id", "=", record.id)])

    def test_quotations_orders_and_customer_files_are_registered(self):
        """DC-8: the register fills itself for quotations, orders/contracts, contract changes and customer files."""
        order = self._quotation()
        document = self._document(order)
        self.assertEqual(document.type_id.code, "quotation")
        self.assertEqual(document.category, "quotation")
        self.assertEqual(document.partner_id, self.customer)
        self.assertEqual(document.user_id, self.users["specialist"])
        self.assertEqual((document.state_key, document.state), ("draft", "Quotation"))
        customer_file = self._document(self.customer)
        self.assertEqual(customer_file.type_id.code, "customer_basic")
        self.assertEqual(customer_file.category, "customer")
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(document.type_id.code, "order")
        self.assertEqual(document.category, "order")
        contract = self._quotation(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        contract.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(self._document(contract).type_id.code, "contract")
        self.assertEqual(self._document(contract).confidentiality, "confidential")
        self.assertEqual(contract.sales_confidentiality, "confidential")

    def test_register_is_searchable_by_customer_class_and_period(self):
        """DC-8: the register is searched by customer, class and period."""
        order = self._quotation()
        other = self.env["res.partner"].create({"name": "SCT Other Customer"})
        self.as_role("specialist", "sale.order").create({"partner_id": other.id})
        documents = self.as_role("specialist", "sales.document")
        found = documents.search(
            [
                ("partner_id", "=", self.customer.id),
                ("category", "=", "quotation"),
                ("date", ">=", date.today().replace(day=1)),
            ]
        )
        self.assertEqual(found.mapped("res_id"), order.ids)

    def test_deleted_record_keeps_its_register_row(self):
        """DC-8 / X-6: deleting a quotation leaves its row in the register, marked deleted."""
        order = self._quotation()
        document = self._document(order)
        order.with_user(self.users["manager"]).unlink()
        self.assertTrue(document.exists())
        self.assertTrue(document.record_deleted)

    def test_confidential_documents_follow_their_salesperson(self):
        """DC-9: a salesperson cannot read another's confidential document; the sales manager can."""
        order = self._quotation()
        document = self._document(order)
        document.confidentiality = "confidential"
        self.assertEqual(document.with_user(self.users["specialist"]).name, order.name)
        with self.assertRaises(AccessError):
            document.with_user(self.users["specialist2"]).read(["name"])
        self.assertFalse(
            self.as_role("specialist2", "sales.document").search([("id", "=", document.id)]),
        )
        self.assertEqual(document.with_user(self.users["manager"]).name, order.name)
        self.assertEqual(document.with_user(self.users["gm"]).name, order.name)
        internal = self._document(self._quotation(user="specialist2"))
        self.assertEqual(internal.with_user(self.users["specialist"]).confidentiality, "internal")

    def test_secret_documents_only_for_the_general_manager_and_named_managers(self):
        """DC-9: a secret document is read by the GM and the managers named on it only."""
        document = self._document(self._quotation())
        named = self.users["finance"]
        document.write({"confidentiality": "secret", "secret_user_ids": [(6, 0, named.ids)]})
        for role in ("specialist", "manager", "supervisor", "archivist"):
            with self.assertRaises(AccessError, msg=role):
                document.with_user(self.users[role]).read(["name"])
        self.assertTrue(document.with_user(self.users["gm"]).read(["name"]))
        self.assertTrue(document.with_user(named).read(["name"]))

    def test_gate_guard_sees_no_document(self):
        """DC-9 / X-5: the gate guard has no access to the register."""
        self._quotation()
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.document").search([])

    def test_salespeople_cannot_lower_confidentiality(self):
        """DC-9 / X-5: only the sales manager (or the archivist) changes a document's confidentiality."""
        document = self._document(self._quotation())
        with self.assertRaises(AccessError):
            document.with_user(self.users["specialist"]).confidentiality = "public"
        document.with_user(self.users["manager"]).confidentiality = "confidential"
        self.assertEqual(document.confidentiality, "confidential")

    def test_users_with_confidential_access_and_no_agreement(self):
        """DC-9: the report lists users who can read confidential documents but signed no agreement."""
        document = self._document(self._quotation())
        document.confidentiality = "confidential"
        action = self.env.ref("sales_doc_control.res_users_missing_agreement_action")
        domain = literal_eval(action.domain)
        listed = self.env["res.users"].search(domain)
        self.assertIn(self.users["specialist"], listed)
        self.assertIn(self.users["manager"], listed)
        # The departments that keep or file every signed contract read confidential orders too.
        for role in ("assistant", "finance", "legal"):
            self.assertIn(self.users[role], listed, role)
        self.assertNotIn(self.users["specialist2"], listed)
        self.assertNotIn(self.users["warehouse"], listed)
        self.users["manager"].sales_nda_date = date(2026, 3, 1)
        self.assertNotIn(self.users["manager"], self.env["res.users"].search(domain))
