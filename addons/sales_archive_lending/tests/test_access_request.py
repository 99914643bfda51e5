# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestAccessRequest(ArchiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._confirmed_class(
            sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31)
        )
        cls.other_contract = cls._confirmed_class(
            sales_contract_start=date(2026, 2, 1), sales_contract_end=date(2026, 12, 31)
        )
        documents = cls.env["sales.document"]
        cls.contract_doc = documents.search([("res_model", "=", "sale.order"), ("res_id", "=", cls.contract.id)])
        cls.other_doc = documents.search([("res_model", "=", "sale.order"), ("res_id", "=", cls.other_contract.id)])

    @classmethod
    def _confirmed_class(cls, **vals):
        order = (
            cls.env["sale.order"]
            .with_user(cls.users["specialist"])
            .create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": cls.users["specialist"].id,
                    "payment_term_id": cls.immediate.id,
                    "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1, "price_unit": 100.0})],
                    **vals,
                }
            )
        )
        order.with_user(cls.users["gm"]).action_confirm()
        return order

    def _request(self, documents, start, end, role="specialist2"):
        return self.as_role(role, "sales.access.request").create(
            {
                "purpose": "Prepare the customer's annual review",
                "document_ids": [(6, 0, documents.ids)],
                "date_from": start,
                "date_to": end,
            }
        )

    def _head_review(self, request):
        definition = self.env.ref("sales_archive_lending.tier_access_department_head")
        return request.review_ids.filtered(lambda r: r.definition_id == definition)

    def _can_read(self, role, document):
        document.invalidate_recordset()
        try:
            document.with_user(self.users[role]).check_access("read")
        except AccessError:
            return False
        return True

    def test_read_access_only_during_the_window(self):
        """AL-5: after approval (department head, sales head, general manager for confidential) the
        requester reads exactly the listed documents during the window; the job revokes it at the end."""
        self.assertEqual(self.contract_doc.confidentiality, "confidential")
        self.assertFalse(self._can_read("specialist2", self.contract_doc))
        with freeze_time("2026-03-01 09:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
            self.assertTrue(request.needs_general_manager)
            request.action_submit()
            self.assertEqual(len(request.review_ids), 3)
            self._review(request, "supervisor")
            self._review(request, "manager")
            self.assertEqual(request.state, "draft")
            self._review(request, "gm")
            self.assertEqual(request.state, "approved")
            # Approved, but the window has not started.
            self.assertFalse(self._can_read("specialist2", self.contract_doc))
        with freeze_time("2026-03-03 10:00:00"):
            self.env["sales.access.request"]._cron_sync_access()
            self.assertTrue(self._can_read("specialist2", self.contract_doc))
            self.assertFalse(self._can_read("specialist2", self.other_doc))
            self.env["sales.access.request"]._cron_sync_access()
            self.assertEqual(self.contract_doc.access_user_ids, self.users["specialist2"])
        with freeze_time("2026-03-06 18:00:01"):
            self.env["sales.access.request"]._cron_sync_access()
            self.assertFalse(self._can_read("specialist2", self.contract_doc))
            self.assertEqual(request.state, "expired")
            self.env["sales.access.request"]._cron_sync_access()
            self.assertFalse(self.contract_doc.access_user_ids)

    def test_window_is_checked_when_reading_not_only_by_the_job(self):
        """AL-5: the read rule itself checks the window: access opens at its start and closes at its end to
        the second, even if the hourly job has not run, and only for the requester."""
        with freeze_time("2026-03-01 09:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
            request.action_submit()
            for role in ("supervisor", "manager", "gm"):
                self._review(request, role)
            self.assertEqual(request.state, "approved")
            self.assertFalse(self._can_read("specialist2", self.contract_doc))
        with freeze_time("2026-03-02 08:00:01"):
            self.assertTrue(self._can_read("specialist2", self.contract_doc))
            # Only for the requester (the sales assistant files every contract and reads it anyway).
            self.assertFalse(self._can_read("quality", self.contract_doc))
            self.assertFalse(self._can_read("specialist2", self.other_doc))
            Documents = self.env["sales.document"].with_user(self.users["specialist2"])
            self.assertIn(self.contract_doc, Documents.search([("access_window_open", "=", True)]))
        with freeze_time("2026-03-06 18:00:01"):
            # The job has not run: the request is still "approved", yet the window is closed.
            self.assertEqual(request.state, "approved")
            self.assertFalse(self._can_read("specialist2", self.contract_doc))
            with self.assertRaises(AccessError):
                self.contract_doc.with_user(self.users["specialist2"]).read(["name"])

    def test_the_order_and_its_scans_are_readable_during_the_window(self):
        """AL-5: the requester reads the order behind the granted register row (another salesperson's
        contract), its lines and its scanned attachments during the window only; never write access."""
        scan = self.env["ir.attachment"].create(
            {"name": "signed-contract.pdf", "res_model": "sale.order", "res_id": self.contract.id, "raw": b"%PDF"}
        )
        reader = self.users["specialist2"]

        def can_read(record):
            record.invalidate_recordset()
            try:
                if record._name == "ir.attachment":
                    # Attachments follow the access to the record they belong to.
                    record.with_user(reader).check("read")
                else:
                    record.with_user(reader).check_access("read")
            except AccessError:
                return False
            return True

        with freeze_time("2026-03-01 09:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
            request.action_submit()
            for role in ("supervisor", "manager", "gm"):
                self._review(request, role)
            self.assertFalse(can_read(self.contract))
            self.assertFalse(can_read(scan))
        with freeze_time("2026-03-03 10:00:00"):
            self.assertTrue(can_read(self.contract))
            self.assertTrue(can_read(self.contract.order_line))
            self.assertTrue(can_read(scan))
            self.assertEqual(scan.with_user(reader).raw, b"%PDF")
            self.assertFalse(can_read(self.other_contract))
            with self.assertRaises(AccessError):
                self.contract.with_user(reader).write({"note": "Changed"})
        with freeze_time("2026-03-06 18:00:01"):
            self.assertFalse(can_read(self.contract))
            self.assertFalse(can_read(scan))

    def _approved_window(self, document, role, head="supervisor"):
        """An access request of ``role`` for ``document``, approved on 2026-03-01 for 2-6 March by the
        requester's department head, the sales manager and, for confidential documents, the GM."""
        with freeze_time("2026-03-01 09:00:00"):
            request = self._request(document, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), role=role)
            request.with_user(self.users[role]).action_submit()
            for reviewer in (head, "manager", "gm"):
                if request.state != "approved":
                    self._review(request, reviewer)
            self.assertEqual(request.state, "approved")
        return request

    def _can_read_record(self, role, record):
        # Rules on lines read their parent's window flag, a computed field cached like any other.
        self.env.invalidate_all()
        try:
            record.with_user(self.users[role]).check_access("read")
        except AccessError:
            return False
        return True

    def test_customer_need_opens_to_another_department_during_the_window(self):
        """AL-5: a customer needs record (客户需求记录) is read by the sales staff without a request; a
        warehouse keeper reads it through an approved access request during the window only, never
        writes it, and never reads another need of the same customer."""
        # The warehouse reports to a head who is not in the later steps (nobody decides two steps).
        self.users["warehouse"].sales_superior_id = self.users["supervisor"]
        need, other_need = self.as_role("specialist", "sales.customer.need").create(
            [
                {
                    "name": "Flame-retardant yarn",
                    "partner_id": self.customer.id,
                    "user_id": self.users["specialist"].id,
                },
                {"name": "Dyed yarn", "partner_id": self.customer.id, "user_id": self.users["specialist"].id},
            ]
        )
        self.assertTrue(self._can_read_record("specialist2", need))
        self._approved_window(self._document(need), "warehouse")
        with freeze_time("2026-03-01 12:00:00"):
            self.assertFalse(self._can_read_record("warehouse", need))
            self.assertFalse(self.as_role("warehouse", "sales.customer.need").search([("id", "=", need.id)]))
        with freeze_time("2026-03-03 10:00:00"):
            self.assertTrue(self._can_read_record("warehouse", need))
            self.assertFalse(self._can_read_record("warehouse", other_need))
            self.assertEqual(
                self.as_role("warehouse", "sales.customer.need").search([("partner_id", "=", self.customer.id)]), need
            )
            with self.assertRaises(AccessError):
                need.with_user(self.users["warehouse"]).write({"need": "Changed"})
            # The sales staff and the general manager keep reading every need.
            self.assertTrue(self._can_read_record("specialist2", other_need))
            self.assertTrue(self._can_read_record("gm", other_need))
        with freeze_time("2026-03-06 18:00:01"):
            self.assertFalse(self._can_read_record("warehouse", need))

    def test_contract_change_of_another_salesperson_opens_during_the_window(self):
        """AL-5: a contract change (合同变更记录) of another salesperson's contract is read by the requester
        during the window only, with its lines; the contract's other changes stay closed."""
        amendments = self.as_role("specialist", "sales.contract.amendment").create(
            [
                {"order_id": self.contract.id, "amendment_type": "other", "reason": "Delivery date moved"},
                {"order_id": self.contract.id, "amendment_type": "other", "reason": "Packing changed"},
            ]
        )
        amendment, other = amendments
        self.assertFalse(self._can_read_record("specialist2", amendment))
        self._approved_window(self._document(amendment), "specialist2")
        with freeze_time("2026-03-01 12:00:00"):
            self.assertFalse(self._can_read_record("specialist2", amendment))
        with freeze_time("2026-03-03 10:00:00"):
            self.assertTrue(self._can_read_record("specialist2", amendment))
            self.assertFalse(self._can_read_record("specialist2", other))
            self.assertEqual(
                self.as_role("specialist2", "sales.contract.amendment").search([("order_id", "=", self.contract.id)]),
                amendment,
            )
            with self.assertRaises(AccessError):
                amendment.with_user(self.users["specialist2"]).write({"reason": "Changed"})
            # The owner and the general manager read every change as before.
            self.assertTrue(self._can_read_record("specialist", other))
            self.assertTrue(self._can_read_record("gm", other))
        with freeze_time("2026-03-06 18:00:01"):
            self.assertFalse(self._can_read_record("specialist2", amendment))

    def test_contract_change_lines_open_to_another_department_during_the_window(self):
        """AL-5: an archivist reads a contract change and its changed lines through an access request during
        the window only; lines of other changes stay closed."""
        self.users["archivist"].sales_superior_id = self.users["supervisor"]
        line = [(0, 0, {"order_line_id": self.contract.order_line.id, "new_quantity": 2.0})]
        amendment, other = self.as_role("specialist", "sales.contract.amendment").create(
            [
                {"order_id": self.contract.id, "amendment_type": "other", "reason": "Quantity", "line_ids": line},
                {"order_id": self.contract.id, "amendment_type": "other", "reason": "Again", "line_ids": line},
            ]
        )
        self._approved_window(self._document(amendment), "archivist")
        with freeze_time("2026-03-01 12:00:00"):
            self.assertFalse(self._can_read_record("archivist", amendment))
            self.assertFalse(self._can_read_record("archivist", amendment.line_ids))
        with freeze_time("2026-03-03 10:00:00"):
            self.assertTrue(self._can_read_record("archivist", amendment))
            self.assertTrue(self._can_read_record("archivist", amendment.line_ids))
            self.assertFalse(self._can_read_record("archivist", other.line_ids))
            self.assertTrue(self._can_read_record("gm", other.line_ids))
            self.assertTrue(self._can_read_record("specialist", other.line_ids))
        with freeze_time("2026-03-06 18:00:01"):
            self.assertFalse(self._can_read_record("archivist", amendment.line_ids))

    def test_the_window_opens_a_confidential_contract_to_a_supervisor(self):
        """AL-5 / DC-9: a supervisor's "All Documents" access does not open another salesperson's
        confidential contract; his approved access request does, with its lines, during the window
        only, and without write access."""
        reader = self.users["supervisor"]
        self.assertEqual(self.contract.sales_confidentiality, "confidential")
        Orders = self.env["sale.order"].with_user(reader)
        colleague = new_test_user(self.env, login="sct_supervisor_b", groups="sales_doc_control.group_sales_supervisor")
        with freeze_time("2026-03-01 09:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), "supervisor")
            request.with_user(reader).action_submit()
            # Another supervisor decides the department head's step, then the sales head and the GM.
            self._review_as(request, colleague)
            for role in ("manager", "gm"):
                self._review(request, role)
            self.assertEqual(request.state, "approved")
            self.assertFalse(Orders.search([("id", "=", self.contract.id)]))
            with self.assertRaises(AccessError):
                self.contract.with_user(reader).read(["name"])
        with freeze_time("2026-03-03 10:00:00"):
            self.assertEqual(Orders.search([("id", "in", (self.contract | self.other_contract).ids)]), self.contract)
            self.assertEqual(self.contract.with_user(reader).read(["name"])[0]["name"], self.contract.name)
            self.assertEqual(self.contract.with_user(reader).order_line.product_id, self.product)
            with self.assertRaises(AccessError):
                self.other_contract.with_user(reader).read(["name"])
            with self.assertRaises(AccessError):
                self.contract.with_user(reader).write({"note": "Changed"})
        with freeze_time("2026-03-06 18:00:01"):
            self.contract.invalidate_recordset()
            self.assertFalse(Orders.search([("id", "=", self.contract.id)]))
            with self.assertRaises(AccessError):
                self.contract.with_user(reader).read(["name"])

    def test_internal_documents_need_no_general_manager(self):
        """AL-5: without confidential documents the department head and the sales head decide."""
        quotation = self._quotation()
        document = self._document(quotation)
        request = self._request(document, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
        self.assertFalse(request.needs_general_manager)
        request.action_submit()
        self.assertEqual(len(request.review_ids), 2)

    def test_rejection_grants_nothing(self):
        """AL-5: a rejected request opens no access."""
        with freeze_time("2026-03-03 10:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
            request.action_submit()
            self._review(request, "supervisor", decision="reject", comment="Not needed for your work")
            self.assertEqual(request.state, "rejected")
            self.env["sales.access.request"]._cron_sync_access()
            self.assertFalse(self._can_read("specialist2", self.contract_doc))

    def test_decided_request_is_not_changed_nor_deleted(self):
        """AL-5 / X-6: an approved request keeps its documents and window; cancelling closes the access."""
        with freeze_time("2026-03-03 10:00:00"):
            request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
            request.action_submit()
            for role in ("supervisor", "manager", "gm"):
                self._review(request, role)
            self.assertTrue(self._can_read("specialist2", self.contract_doc))
            with self.assertRaisesRegex(UserError, request.name):
                request.with_user(self.users["specialist2"]).date_to = datetime(2026, 3, 20, 18)
            with self.assertRaises(UserError):
                request.with_user(self.users["manager"]).unlink()
            request.with_user(self.users["specialist2"]).action_cancel()
            self.assertFalse(self._can_read("specialist2", self.contract_doc))

    def test_window_is_bounded(self):
        """AL-5: the window ends after it starts and lasts at most the company's maximum."""
        self.company.sales_access_max_days = 10
        with self.assertRaises(ValidationError):
            self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 1, 8))
        with self.assertRaises(ValidationError):
            self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 20, 8))

    def test_gate_guard_has_no_access(self):
        """AL-5 / X-5: the gate guard reads no request; a specialist sees only their own requests."""
        request = self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.access.request").search([])
        with self.assertRaises(AccessError):
            self._request(self.contract_doc, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), role="guard")
        self.assertFalse(self.as_role("specialist", "sales.access.request").search([("id", "=", request.id)]))
        self.assertTrue(self.as_role("supervisor", "sales.access.request").search([("id", "=", request.id)]))

    def test_department_head_is_the_requesters_own(self):
        """AL-5: the first step is approved by the requester's superior or, without one, by a supervisor of
        the requester's department; a finance requester is not approved by any sales supervisor, and
        nobody approves their own request at any step."""
        quotation = self._quotation()
        document = self._document(quotation)
        # Sales staff without a superior: the sales supervisors.
        request = self._request(document, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18))
        request.action_submit()
        head_review = self._head_review(request)
        self.assertIn(self.users["supervisor"], head_review.reviewer_ids)
        self.assertNotIn(self.users["specialist2"], head_review.reviewer_ids)
        # A finance requester has no sales department head: without a superior the request cannot go.
        finance_request = self._request(document, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), role="finance")
        with self.assertRaisesRegex(UserError, "no department head"):
            finance_request.with_user(self.users["finance"]).action_submit()
        self.users["finance"].sales_superior_id = self.users["gm"]
        finance_request.with_user(self.users["finance"]).action_submit()
        head_review = self._head_review(finance_request)
        self.assertEqual(head_review.reviewer_ids, self.users["gm"])
        # The sales supervisor cannot decide the finance department's step.
        self._review(finance_request, "supervisor")
        self.assertEqual(head_review.status, "pending")
        self._review(finance_request, "gm")
        self.assertEqual(head_review.status, "approved")
        # A supervisor's own request: the other supervisors decide, never the requester.
        own = self._request(document, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), role="supervisor")
        own.with_user(self.users["supervisor"]).action_submit()
        for review in own.review_ids:
            self.assertNotIn(self.users["supervisor"], review.reviewer_ids)
        self._review(own, "supervisor")
        self.assertNotIn("approved", own.review_ids.mapped("status"))
        self.assertEqual(own.state, "draft")

    def test_sync_is_set_based(self):
        """AL-5: opening the windows of many requests costs a constant number of queries."""
        documents = self.contract_doc | self.other_doc
        # The finance and legal staff of this company report to the sales supervisor.
        (self.users["finance"] | self.users["legal"]).sales_superior_id = self.users["supervisor"]
        with freeze_time("2026-03-03 10:00:00"):
            requests = self.env["sales.access.request"]
            for role in ("specialist2", "assistant", "finance", "legal"):
                requests |= self._request(documents, datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 18), role=role)
            for request in requests:
                request.with_user(request.requester_id).action_submit()
                for reviewer in ("supervisor", "manager", "gm"):
                    self._review(request, reviewer)
            self.assertEqual(set(requests.mapped("state")), {"approved"})
            # Readers lost outside the ORM (e.g. a restored backup) are granted again by one sync.
            documents.sudo().write({"access_user_ids": [Command.clear()]})
            self.env.flush_all()
            with self.assertQueryCount(12):
                requests._sales_sync_access()
            self.assertEqual(len(self.contract_doc.access_user_ids), 4)
