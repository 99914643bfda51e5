# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestLending(ArchiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["specialist2"].sales_superior_id = cls.users["supervisor"]
        files = cls.env["sales.paper.file"].with_user(cls.users["archivist"])
        cls.quotations_file = files.create({"name": "Quotations 2026-03", "category": "quotation", "year": 2026})
        cls.orders_file = files.create({"name": "Orders 2026-03", "category": "order", "year": 2026})

    def _lending(self, papers, role="specialist2", expected=date(2026, 3, 31)):
        return self.as_role(role, "sales.lending").create(
            {"reason": "Customer audit", "paper_file_ids": [(6, 0, papers.ids)], "expected_return_date": expected}
        )

    def _approved(self, papers, role="specialist2"):
        lending = self._lending(papers, role=role)
        lending.action_submit()
        self._review(lending, "supervisor")
        self._review(lending, "manager")
        if lending.needs_general_manager:
            self._review(lending, "gm")
        self.assertEqual(lending.state, "approved")
        return lending

    def test_checkout_and_no_double_lending(self):
        """AL-6: after approval the archivist checks the files out with the rule's loan period; a file on
        loan is not lent again, and only the archivist checks out."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file)
            with self.assertRaises(AccessError):
                lending.with_user(self.users["specialist2"]).action_checkout()
            lending.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual(lending.state, "on_loan")
            self.assertEqual(lending.checkout_date, date(2026, 3, 2))
            self.assertEqual(lending.due_date, date(2026, 3, 16))
            self.assertEqual(lending.max_extensions, 2)
            second = self._lending(self.quotations_file, role="assistant")
            with self.assertRaisesRegex(UserError, "out on loan"):
                second.action_submit()

    def test_confidential_files_have_a_shorter_loan_and_the_general_manager(self):
        """AL-6: the loan period comes from the rule of the files' confidentiality; confidential files need the GM."""
        contract = self._confirmed(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        self.orders_file.document_ids = self._document(contract)
        with freeze_time("2026-03-02"):
            lending = self._approved(self.orders_file)
            self.assertTrue(lending.needs_general_manager)
            self.assertEqual(len(lending.review_ids), 3)
            lending.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual(lending.due_date, date(2026, 3, 7))
            self.assertEqual(lending.max_extensions, 1)

    def test_borrowers_department_head_approves_first(self):
        """AL-6: the borrower's superior approves the first step (not any supervisor); a warehouse keeper
        without a superior cannot file; nobody approves their own lending."""
        self.users["specialist2"].sales_superior_id = self.users["manager"]
        lending = self._lending(self.quotations_file)
        lending.action_submit()
        definition = self.env.ref("sales_archive_lending.tier_lending_department_head")
        head_review = lending.review_ids.filtered(lambda r: r.definition_id == definition)
        self.assertEqual(head_review.reviewer_ids, self.users["manager"])
        self._review(lending, "supervisor")
        self.assertEqual(head_review.status, "pending")
        self._review(lending, "manager")
        self.assertEqual(head_review.status, "approved")
        warehouse = self._lending(self.orders_file, role="warehouse")
        with self.assertRaisesRegex(UserError, "no department head"):
            warehouse.with_user(self.users["warehouse"]).action_submit()
        # The manager borrows: the manager's superior (the GM) decides the first step; the sales-head step goes
        # to another manager, neither to the borrower nor to the GM who has signed a step already.
        self.users["manager"].sales_superior_id = self.users["gm"]
        own = self._lending(self.orders_file, role="manager")
        own.with_user(self.users["manager"]).action_submit()
        for review in own.review_ids:
            self.assertNotIn(self.users["manager"], review.reviewer_ids)
        self._review(own, "manager")
        self.assertNotIn("approved", own.review_ids.mapped("status"))
        self._review(own, "gm")
        self._review(own, "gm")
        self.assertEqual(own.state, "draft")
        other_manager = self.make_user("sct_manager_b", "sales_doc_control.group_sales_manager")
        self._review_as(own, other_manager)
        self.assertEqual(own.state, "approved")

    def test_lending_rule_is_chosen_by_category(self):
        """AL-6: the archivist adds a lending rule for one category; files of that category get its loan period
        and extensions, other files the general rule, and a lending of both the strictest. A specialist cannot
        change the rules."""
        with self.assertRaises(AccessError):
            self.as_role("specialist", "sales.lending.rule").create({"category": "quotation", "loan_days": 30})
        self.as_role("archivist", "sales.lending.rule").create(
            {"sequence": 50, "category": "quotation", "loan_days": 7, "max_extensions": 1, "extension_days": 2}
        )
        with freeze_time("2026-03-02"):
            quotations = self._approved(self.quotations_file)
            quotations.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual((quotations.due_date, quotations.max_extensions), (date(2026, 3, 9), 1))
            orders = self._approved(self.orders_file)
            orders.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual((orders.due_date, orders.max_extensions), (date(2026, 3, 16), 2))
            orders.with_user(self.users["archivist"]).return_condition = "intact"
            orders.with_user(self.users["archivist"]).action_return()
            quotations.with_user(self.users["archivist"]).return_condition = "intact"
            quotations.with_user(self.users["archivist"]).action_return()
            both = self._approved(self.quotations_file | self.orders_file)
            both.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual((both.due_date, both.max_extensions), (date(2026, 3, 9), 1))

    def test_legal_hold_blocks_lending(self):
        """AL-6 / AL-2: a file holding a document on legal hold is not lent."""
        document = self._document(self._quotation())
        self.quotations_file.document_ids = document
        document.with_user(self.users["archivist"]).action_set_legal_hold()
        lending = self._lending(self.quotations_file)
        with self.assertRaisesRegex(UserError, "legal hold"):
            lending.action_submit()

    def test_extension_before_due_date_approved_by_the_manager(self):
        """AL-6: an extension is requested before the due date, approved by the sales manager, within the rule."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file)
            lending.with_user(self.users["archivist"]).action_checkout()
            extension = self.as_role("specialist2", "sales.lending.extension").create(
                {"lending_id": lending.id, "reason": "Audit extended"}
            )
            with self.assertRaises(AccessError):
                extension.with_user(self.users["specialist2"]).action_approve()
            extension.with_user(self.users["manager"]).action_approve()
            self.assertEqual(lending.due_date, date(2026, 3, 23))
            self.assertEqual(lending.extension_count, 1)
        with freeze_time("2026-03-25"), self.assertRaisesRegex(UserError, "before the due date"):
            self.as_role("specialist2", "sales.lending.extension").create({"lending_id": lending.id, "reason": "Late"})

    def test_extensions_are_limited_at_request_and_at_approval(self):
        """AL-6: the rule's number of extensions is checked when an extension is requested and again when the
        manager approves it, so pending requests filed together cannot push the lending past the limit."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file)
            lending.with_user(self.users["archivist"]).action_checkout()
            self.assertEqual(lending.max_extensions, 2)
            extensions = self.env["sales.lending.extension"]
            for reason in ("Audit extended", "Second audit", "Third audit"):
                extensions |= self.as_role("specialist2", "sales.lending.extension").create(
                    {"lending_id": lending.id, "reason": reason}
                )
            extensions[0].with_user(self.users["manager"]).action_approve()
            extensions[1].with_user(self.users["manager"]).action_approve()
            self.assertEqual(lending.extension_count, 2)
            self.assertEqual(lending.due_date, date(2026, 3, 30))
            with self.assertRaisesRegex(UserError, "reject this extension request"):
                extensions[2].with_user(self.users["manager"]).action_approve()
            self.assertEqual(extensions[2].state, "requested")
            self.assertEqual(lending.extension_count, 2)
            # A new request past the limit is refused at once.
            with self.assertRaisesRegex(UserError, "used its 2 extension"):
                self.as_role("specialist2", "sales.lending.extension").create(
                    {"lending_id": lending.id, "reason": "Fourth audit"}
                )
            extensions[2].with_user(self.users["manager"]).action_reject()
            self.assertEqual(extensions[2].state, "rejected")

    def test_return_inspection_creates_compensation(self):
        """AL-6: each file found damaged or lost on return opens a compensation record for the manager to decide;
        the intact files of the same lending do not."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file | self.orders_file)
            lending.with_user(self.users["archivist"]).action_checkout()
            with self.assertRaisesRegex(UserError, "condition"):
                lending.with_user(self.users["archivist"]).action_return()
            lending.with_user(self.users["archivist"]).return_condition = "damaged"
            # Two files were lent: the archivist says which one came back damaged.
            with self.assertRaisesRegex(UserError, "pick the damaged or lost files"):
                lending.with_user(self.users["archivist"]).action_return()
            with self.assertRaisesRegex(UserError, "pick the damaged or lost files"):
                lending.with_user(self.users["archivist"]).return_file_ids = self.env["sales.paper.file"].create(
                    {"name": "Not lent", "category": "order", "year": 2026}
                )
                lending.with_user(self.users["archivist"]).action_return()
            lending.with_user(self.users["archivist"]).return_file_ids = self.orders_file
            lending.with_user(self.users["archivist"]).action_return()
        self.assertEqual(lending.state, "returned")
        self.assertEqual(lending.compensation_ids.paper_file_id, self.orders_file)
        self.assertEqual(lending.compensation_ids.condition, "damaged")
        compensation = lending.compensation_ids
        with self.assertRaises(AccessError):
            compensation.with_user(self.users["specialist2"]).write({"decision": "waived"})
        compensation.with_user(self.users["manager"]).write({"amount": 50.0, "decision": "charged"})
        self.assertEqual(compensation.borrower_id, self.users["specialist2"])
        # The files are back: they can be lent again.
        self._lending(self.quotations_file, role="assistant").action_submit()

    def test_staged_overdue_reminders_are_sent_once(self):
        """AL-6: reminders at the due date, +3 days (archivist too), +7 days (the superior too), once each."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file)
            lending.with_user(self.users["archivist"]).action_checkout()
        lendings = self.env["sales.lending"]
        expectations = [
            ("2026-03-16", 1, self.users["specialist2"].partner_id),
            ("2026-03-19", 2, self.users["archivist"].partner_id),
            ("2026-03-23", 3, self.users["supervisor"].partner_id),
        ]
        for day, stage, partner in expectations:
            with freeze_time(day):
                before = len(lending.message_ids)
                lendings._cron_overdue_reminders()
                lendings._cron_overdue_reminders()
                lending.invalidate_recordset()
                self.assertEqual(lending.reminder_stage, stage)
                self.assertEqual(len(lending.message_ids), before + 1)
                self.assertIn(partner, lending.message_ids[0].partner_ids)
                self.assertEqual(lending.overdue, stage > 1)
        self.assertIn(lending, lendings.search([("overdue", "=", True)]))

    def test_register_exports_to_xlsx(self):
        """AL-6: the lending register exports to XLSX."""
        with freeze_time("2026-03-02"):
            lending = self._approved(self.quotations_file)
            lending.with_user(self.users["archivist"]).action_checkout()
        report = self.env.ref("sales_archive_lending.action_report_lending_register_xlsx")
        content, fmt = (
            self.env["ir.actions.report"]
            .with_user(self.users["archivist"])
            ._render(report.report_name, lending.ids, {})
        )
        self.assertEqual(fmt, "xlsx")
        rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Reference")
        self.assertEqual(rows[1][0], lending.name)
        self.assertEqual(rows[1][2], "Quotations 2026-03")
        self.assertEqual(rows[1][4], "2026-03-16")

    def test_gate_guard_cannot_borrow(self):
        """AL-6 / X-5: the gate guard has no access to the lending register."""
        with self.assertRaises(AccessError):
            self._lending(self.quotations_file, role="guard")
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.lending").search([])
