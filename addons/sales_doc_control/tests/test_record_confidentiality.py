# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .sale_common import SaleApprovalCase


class TestRecordConfidentiality(SaleApprovalCase):
    """DC-9 on the records themselves: a sales order, its lines and its contract changes are read at
    the confidentiality of the order's register row, whatever the reader's "All Documents" access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor2 = cls.make_user("sct_supervisor2", "sales_doc_control.group_sales_supervisor")

    def _contract(self, approve=False):
        """A confirmed contract of the specialist (registered as confidential); with ``approve`` the
        supervisor and the sales manager decide its quotation steps first."""
        order = self._quotation(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        if approve:
            self._approve_quotation(order)
        # The general manager holds every approving role: confirming approves the remaining steps.
        order.with_user(self.users["gm"]).action_confirm()
        self.assertEqual(order.sales_confidentiality, "confidential")
        # Checked below as each role; held here outside the salesperson's environment.
        return self.env["sale.order"].browse(order.id)

    def _can_read(self, record, user):
        record.invalidate_recordset()
        try:
            record.with_user(user).check_access("read")
        except AccessError:
            return False
        return True

    def _assert_hidden(self, order, user):
        """The user can neither open the order nor find it in a list."""
        with self.assertRaises(AccessError, msg=user.name):
            order.with_user(user).read(["name"])
        self.assertFalse(self.env["sale.order"].with_user(user).search([("id", "=", order.id)]), user.name)

    def test_another_salesperson_and_a_supervisor_cannot_read_a_confidential_contract(self):
        """DC-9: another salesperson, and a supervisor with "All Documents" who did not review the
        contract, can neither open another salesperson's confidential contract nor find it."""
        contract = self._contract()
        self._assert_hidden(contract, self.users["specialist2"])
        self._assert_hidden(contract, self.users["supervisor"])
        for role in ("quality", "warehouse", "archivist", "committee", "guard"):
            self.assertFalse(self._can_read(contract, self.users[role]), role)

    def test_salesperson_managers_and_the_contract_keepers_read_it(self):
        """DC-9: the salesperson, the sales manager and the general manager read a confidential
        contract; so do the sales assistant, who files it, and finance, who keeps a signed original
        (seed 000; legal, who keeps one too, reads contract changes, not orders)."""
        contract = self._contract()
        for role in ("specialist", "manager", "gm", "assistant", "finance"):
            self.assertEqual(contract.with_user(self.users[role]).read(["name"])[0]["name"], contract.name, role)
            self.assertEqual(
                self.env["sale.order"].with_user(self.users[role]).search([("id", "=", contract.id)]), contract, role
            )
        # Their register row follows: the keepers read it, another salesperson does not.
        row = self.env["sales.document"].search([("res_model", "=", "sale.order"), ("res_id", "=", contract.id)])
        for role in ("assistant", "finance", "legal"):
            self.assertTrue(self._can_read(row, self.users[role]), role)
        self.assertFalse(self._can_read(row, self.users["specialist2"]))

    def test_the_reviewers_of_its_approvals_read_it(self):
        """DC-9: a supervisor who decided one of the contract's approval steps keeps reading it once
        it is confidential; another supervisor, who only could have decided, does not."""
        contract = self._contract(approve=True)
        decided = contract.review_ids.filtered(lambda r: r.done_by == self.users["supervisor"])
        self.assertTrue(decided)
        self.assertTrue(self._can_read(contract, self.users["supervisor"]))
        self.assertTrue(self._can_read(contract.order_line, self.users["supervisor"]))
        self.assertFalse(self._can_read(contract, self.supervisor2))

    def test_a_step_waiting_for_a_reviewer_opens_the_order_to_him(self):
        """DC-9: while a step waits for them, its reviewers read the confidential order they decide;
        once someone else decided, only the decider keeps reading it."""
        order = self._quotation()
        self.env["sales.document"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        ).confidentiality = "confidential"
        self.assertFalse(self._can_read(order, self.supervisor2))
        order.with_user(self.users["specialist"]).request_validation()
        self.assertTrue(self._can_read(order, self.supervisor2))
        self.assertTrue(self._can_read(order, self.users["supervisor"]))
        self._decide(order, "supervisor")
        self.assertTrue(self._can_read(order, self.users["supervisor"]))
        self.assertFalse(self._can_read(order, self.supervisor2))

    def test_a_secret_contract_is_read_by_the_general_manager_and_the_named_managers(self):
        """DC-9: a secret contract is read by the general manager and the managers named on its
        register row only: not by the sales manager, nor by its salesperson or the contract keepers."""
        contract = self._contract()
        named = self.make_user("sct_manager2", "sales_doc_control.group_sales_manager")
        contract.sales_document_id.write({"confidentiality": "secret", "secret_user_ids": [(6, 0, named.ids)]})
        for role in ("manager", "specialist", "assistant", "finance", "supervisor"):
            self._assert_hidden(contract, self.users[role])
        self.assertTrue(self._can_read(contract, self.users["gm"]))
        self.assertTrue(self._can_read(contract, named))
        self.assertTrue(self._can_read(contract.order_line, named))

    def test_an_internal_quotation_stays_readable_as_before(self):
        """DC-9: internal quotations keep Odoo's access: the supervisor and the assistant ("All
        Documents") read any, a salesperson only their own."""
        quotation = self._quotation()
        self.assertEqual(quotation.sales_confidentiality, "internal")
        for role in ("specialist", "supervisor", "assistant", "manager"):
            self.assertTrue(self._can_read(quotation, self.users[role]), role)
            self.assertTrue(self._can_read(quotation.order_line, self.users[role]), role)
        self.assertFalse(self._can_read(quotation, self.users["specialist2"]))

    def test_lines_and_contract_changes_follow_their_order(self):
        """DC-9: the lines of a confidential contract and its contract changes are hidden from whoever
        may not read the contract, and read by whoever may."""
        contract = self._contract()
        amendment = self.as_role("specialist", "sales.contract.amendment").create(
            {
                "order_id": contract.id,
                "amendment_type": "quantity",
                "reason": "The customer orders more",
                "line_ids": [(0, 0, {"order_line_id": contract.order_line.id, "new_quantity": 20})],
            }
        )
        for role in ("specialist", "manager", "assistant"):
            self.assertTrue(self._can_read(contract.order_line, self.users[role]), role)
            self.assertTrue(self._can_read(amendment, self.users[role]), role)
            self.assertTrue(self._can_read(amendment.line_ids, self.users[role]), role)
        # Legal reads contract changes (not orders): those of a confidential contract too.
        self.assertTrue(self._can_read(amendment, self.users["legal"]))
        for role in ("supervisor", "specialist2"):
            self.assertFalse(self._can_read(contract.order_line, self.users[role]), role)
            self.assertFalse(self._can_read(amendment, self.users[role]), role)
            # The changed lines carry the contract's old and new prices.
            self.assertFalse(self._can_read(amendment.line_ids, self.users[role]), role)
            self.assertFalse(
                self.env["sale.order.line"].with_user(self.users[role]).search([("order_id", "=", contract.id)])
            )
            self.assertFalse(
                self.env["sales.contract.amendment"].with_user(self.users[role]).search([("id", "=", amendment.id)])
            )

    def test_the_sales_analysis_leaves_out_confidential_orders(self):
        """DC-9: the sales analysis (sale.report) does not sum the lines of a contract the user may not
        read; its salesperson and the sales manager still see them."""
        quotation = self._quotation()
        contract = self._contract()
        self.env.flush_all()

        def analysed(role):
            rows = self.env["sale.report"].with_user(self.users[role]).search([])
            return set(rows.mapped("sales_order_id").ids)

        for role in ("supervisor", "specialist2"):
            self.assertNotIn(contract.id, analysed(role), role)
        self.assertIn(quotation.id, analysed("supervisor"))
        for role in ("specialist", "manager"):
            self.assertIn(contract.id, analysed(role), role)

    def test_the_orders_list_silently_omits_confidential_orders(self):
        """DC-9: the supervisor's orders list shows the team's internal quotations and orders and
        leaves out the confidential contracts, without an error."""
        quotation = self._quotation()
        contract = self._contract()
        rows = self.env["sale.order"].with_user(self.users["supervisor"]).search_read([], ["name", "amount_total"])
        ids = [row["id"] for row in rows]
        self.assertIn(quotation.id, ids)
        self.assertNotIn(contract.id, ids)
        self.assertEqual(self.env["sale.order"].with_user(self.users["supervisor"]).search_count([]), len(ids))

    def test_the_customer_reads_his_contract_on_the_portal(self):
        """DC-9: confidentiality is internal: the customer, the other party of the contract, still
        reads it on the portal (limited to his own orders by the portal rule)."""
        contract = self._contract()
        portal = new_test_user(self.env, login="sct_portal", groups="base.group_portal", partner_id=self.customer.id)
        other = self.env["res.partner"].create({"name": "SCT Other Customer", "is_company": True})
        other_portal = new_test_user(self.env, login="sct_portal2", groups="base.group_portal", partner_id=other.id)
        contract.message_subscribe(partner_ids=self.customer.ids)
        self.assertTrue(self._can_read(contract, portal))
        self.assertFalse(self._can_read(contract, other_portal))

    def test_the_rules_are_global(self):
        """DC-9: the confidentiality rules bind every group (no group rule can widen them); reading and
        changing have a rule each, so that a grant to read (an access request) never lets change."""
        for prefix in ("sale_order", "sale_order_line", "sales_contract_amendment"):
            read = self.env.ref(f"sales_doc_control.{prefix}_confidential_read_rule")
            write = self.env.ref(f"sales_doc_control.{prefix}_confidential_write_rule")
            self.assertTrue(read["global"] and write["global"], prefix)
            self.assertEqual(
                (read.perm_read, read.perm_write, read.perm_create, read.perm_unlink), (True, False, False, False)
            )
            self.assertEqual(
                (write.perm_read, write.perm_write, write.perm_create, write.perm_unlink), (False, True, True, True)
            )

    def test_who_may_not_read_may_not_change(self):
        """DC-9: a supervisor with "All Documents" can neither change nor delete a confidential contract
        he may not read; its salesperson still changes it."""
        contract = self._contract()
        with self.assertRaises(AccessError):
            contract.with_user(self.users["supervisor"]).write({"note": "Changed"})
        with self.assertRaises(AccessError):
            contract.order_line.with_user(self.users["supervisor"]).write({"name": "Changed"})
        contract.with_user(self.users["specialist"]).write({"note": "Delivered in two lots"})
        self.assertEqual(str(contract.note), "<p>Delivered in two lots</p>")
