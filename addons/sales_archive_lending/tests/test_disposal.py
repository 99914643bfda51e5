# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestDisposal(ArchiveCase):
    def _expired_quotation(self):
        quotation = self._quotation(validity_date=date(2020, 1, 31))
        document = self._document(quotation)
        self.assertEqual(document.retention_state, "expired")
        return quotation, document

    def _approve(self, batch):
        batch.with_user(self.users["archivist"]).action_submit()
        self._review(batch, "manager")
        self._review(batch, "gm")

    def test_job_proposes_documents_past_retention_once(self):
        """AL-3: the job puts documents past retention, not on hold, into one proposed batch; a rerun adds nothing."""
        _quotation, document = self._expired_quotation()
        _held, held_document = self._expired_quotation()
        held_document.with_user(self.users["archivist"]).action_set_legal_hold()
        batches = self.env["sales.disposal.batch"]
        batches._cron_propose_disposal()
        batch = batches.search([("document_ids", "in", document.ids)])
        self.assertEqual(len(batch), 1)
        self.assertNotIn(held_document, batch.document_ids)
        before = batches.search_count([])
        batches._cron_propose_disposal()
        self.assertEqual(batches.search_count([]), before)
        self.assertEqual(batches.search([("document_ids", "in", document.ids)]), batch)

    def test_nothing_is_disposed_without_an_approved_batch(self):
        """AL-3: execution needs the sales manager's and the general manager's approval, and the archivist."""
        quotation, document = self._expired_quotation()
        self.env["ir.attachment"].create(
            {"name": "scan.pdf", "res_model": "sale.order", "res_id": quotation.id, "datas": base64.b64encode(b"x")}
        )
        batch = self.as_role("archivist", "sales.disposal.batch").create({"document_ids": [(6, 0, document.ids)]})
        with self.assertRaisesRegex(UserError, batch.name):
            batch.with_user(self.users["archivist"]).action_execute()
        batch.with_user(self.users["archivist"]).action_submit()
        self._review(batch, "manager")
        self.assertEqual(batch.state, "draft")
        self._review(batch, "gm")
        self.assertEqual(batch.state, "approved")
        with self.assertRaises(AccessError):
            batch.with_user(self.users["specialist"]).action_execute()
        batch.with_user(self.users["archivist"]).action_execute()
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.executed_by_id, self.users["archivist"])
        self.assertTrue(document.exists())
        self.assertTrue(document.disposed)
        self.assertEqual(document.retention_state, "disposed")
        # AL-3: the register row is the residual metadata of the disposal: nobody deletes it, not even
        # an administrator or a sudo() path; the business record itself may go, the row stays.
        for attempt in (
            document.with_user(self.users["archivist"]),
            document.with_user(self.env.ref("base.user_admin")),
            document.sudo(),
        ):
            with self.assertRaisesRegex(UserError, batch.name):
                attempt.unlink()
        self.assertEqual(document.disposal_batch_id, batch)
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", "sale.order"), ("res_id", "=", quotation.id)])
        )
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sales_archive_lending.action_report_destruction_certificate", batch.ids
        )
        self.assertIn(document.name, html.decode())
        self.assertIn(batch.name, html.decode())
        quotation.with_user(self.users["manager"]).unlink()
        self.assertTrue(document.exists())
        self.assertTrue(document.record_deleted)
        self.assertTrue(document.disposed)

    def test_general_manager_does_not_sign_both_steps(self):
        """AL-3: the sales manager's step comes before the general manager's, and two different people sign
        them. A general manager who clicks first signs the sales manager's step (the role includes it), but
        cannot then sign the general manager's step too: the batch is not approved and cannot be executed
        until another general manager approves it."""
        _quotation, document = self._expired_quotation()
        batch = self.as_role("archivist", "sales.disposal.batch").create({"document_ids": [(6, 0, document.ids)]})
        batch.with_user(self.users["archivist"]).action_submit()
        gm_step = batch.review_ids.filtered(
            lambda r: r.definition_id == self.env.ref("sales_archive_lending.tier_disposal_general_manager")
        )
        self._review(batch, "gm")
        self.assertEqual(gm_step.status, "pending")
        self.assertNotIn(self.users["gm"], gm_step.reviewer_ids)
        self._review(batch, "gm")
        self.assertEqual(gm_step.status, "pending")
        self.assertEqual(batch.state, "draft")
        with self.assertRaisesRegex(UserError, "not approved"):
            batch.with_user(self.users["archivist"]).action_execute()
        self.assertFalse(document.disposed)
        other_gm = self.make_user("sct_gm_b", "sales_doc_control.group_sales_general_manager")
        self._review_as(batch, other_gm)
        self.assertEqual(batch.state, "approved")
        self.assertEqual(gm_step.done_by, other_gm)

    def test_legal_hold_keeps_a_document_out_of_batches(self):
        """AL-3 / AL-2: a document on legal hold is never in a batch, even if held after the approval."""
        _quotation, document = self._expired_quotation()
        batch = self.as_role("archivist", "sales.disposal.batch").create({"document_ids": [(6, 0, document.ids)]})
        self._approve(batch)
        document.with_user(self.users["manager"]).action_set_legal_hold()
        with self.assertRaisesRegex(ValidationError, document.name):
            batch.with_user(self.users["archivist"]).action_execute()
        _other, retained = self._expired_quotation()
        retained.sudo().retain_until = date(2099, 1, 1)
        with self.assertRaises(ValidationError):
            self.as_role("archivist", "sales.disposal.batch").create({"document_ids": [(6, 0, retained.ids)]})

    def test_gate_guard_and_specialist_see_no_batch(self):
        """AL-3 / X-5: disposal batches belong to the archivist and the managers."""
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.disposal.batch").search([])
        with self.assertRaises(AccessError):
            self.as_role("specialist", "sales.disposal.batch").create({})
