# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestDeletionGuard(ArchiveCase):
    def _assert_guarded(self, record, advice):
        """Deleting is refused as the manager, as an administrator and through sudo(), naming the
        document and saying what to do instead."""
        name = self._document(record).name
        for attempt in (
            record.with_user(self.users["manager"]),
            record.with_user(self.env.ref("base.user_admin")),
            record.sudo(),
        ):
            with self.assertRaises(UserError) as caught:
                attempt.unlink()
            self.assertIn(name, str(caught.exception))
            self.assertIn(advice, str(caught.exception))
        self.assertTrue(record.exists())

    def test_core_and_suite_records_under_retention_cannot_be_deleted(self):
        """AL-2: customers, sent quotations, orders, contracts and customer needs with retained documents
        cannot be deleted, not even by an administrator or through sudo(); the message says what can be done
        with that kind of record instead (archive a customer, cancel an order, keep the rest)."""
        quotation = self._quotation(validity_date=date(2026, 3, 31))
        quotation.with_user(self.users["gm"]).action_quotation_sent()
        quotation.with_user(self.users["gm"])._action_cancel()
        order = self._confirmed()
        order.with_user(self.users["gm"])._action_cancel()
        need = self.as_role("specialist", "sales.customer.need").create(
            {"name": "Flame-retardant yarn", "partner_id": self.customer.id, "user_id": self.users["specialist"].id}
        )
        self.assertEqual(self._document(self.customer).retention_state, "permanent")
        with freeze_time("2027-01-01"):
            self._assert_guarded(self.customer, "Archive it instead")
            self._assert_guarded(quotation, "Keep it")
            self._assert_guarded(order, "Keep it")
            self._assert_guarded(need, "Keep it")
            confirmed = self._confirmed()
            self._assert_guarded(confirmed, "Cancel it instead")
            # The advice can be followed: the customer is archived, the order cancelled.
            self.customer.with_user(self.users["manager"]).action_archive()
            self.assertFalse(self.customer.active)
            confirmed.with_user(self.users["gm"])._action_cancel()
            self.assertEqual(confirmed.state, "cancel")

    def test_contract_changes_under_retention_cannot_be_deleted(self):
        """AL-2: a contract change (sales.contract.amendment) is kept as long as its contract: deleting it is
        refused as the manager, as an administrator and through sudo()."""
        contract = self._confirmed(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        amendment = self.as_role("specialist", "sales.contract.amendment").create(
            {"order_id": contract.id, "amendment_type": "other", "reason": "Delivery date moved"}
        )
        self.assertEqual(self._document(amendment).retain_until, date(2029, 12, 31))
        with freeze_time("2027-01-01"):
            self._assert_guarded(amendment, "Keep it")

    def test_register_rows_of_retained_documents_cannot_be_deleted(self):
        """AL-2: the register row itself is refused to an administrator too."""
        document = self._customer_file()
        with self.assertRaises(UserError):
            document.sudo().unlink()

    def test_past_retention_can_be_deleted_unless_on_legal_hold(self):
        """AL-2: once past retention a record may go, except while a legal hold blocks it."""
        quotation = self._quotation(validity_date=date(2020, 1, 31))
        quotation.with_user(self.users["gm"]).action_quotation_sent()
        quotation.with_user(self.users["gm"])._action_cancel()
        document = self._document(quotation)
        self.assertEqual(document.retention_state, "expired")
        document.with_user(self.users["archivist"]).write({"legal_hold_reason": "Price dispute"})
        document.with_user(self.users["archivist"]).action_set_legal_hold()
        with self.assertRaisesRegex(UserError, "legal hold"):
            quotation.with_user(self.users["manager"]).unlink()
        document.with_user(self.users["gm"]).action_release_legal_hold()
        quotation.with_user(self.users["manager"]).unlink()
        self.assertFalse(quotation.exists())
        self.assertTrue(document.record_deleted)

    def test_draft_quotation_never_issued_may_be_deleted(self):
        """AL-2: a draft quotation has not left the company: deleting it keeps its register row only."""
        quotation = self._quotation()
        document = self._document(quotation)
        quotation.with_user(self.users["manager"]).unlink()
        self.assertTrue(document.record_deleted)

    def test_legal_hold_is_set_by_the_archivist_and_released_by_the_general_manager(self):
        """AL-2: the archivist or sales manager holds; only the general manager releases; others are refused."""
        document = self._customer_file()
        with self.assertRaises(AccessError):
            document.with_user(self.users["specialist"]).action_set_legal_hold()
        document.with_user(self.users["archivist"]).action_set_legal_hold()
        self.assertTrue(document.legal_hold)
        with self.assertRaises(AccessError):
            document.with_user(self.users["manager"]).action_release_legal_hold()
        document.with_user(self.users["gm"]).action_release_legal_hold()
        self.assertFalse(document.legal_hold)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertIn("legal_hold", document.message_ids.tracking_value_ids.field_id.mapped("name"))

    def test_module_uninstall_may_remove_retained_records(self):
        """AL-2: only a module uninstall bypasses the guard: the server's superuser while modules are
        being removed. The uninstall context flag sent by a user (RPC) or through sudo() outside an
        uninstall is ignored."""
        need = self.as_role("specialist", "sales.customer.need").create(
            {"name": "Dyed yarn", "partner_id": self.customer.id, "user_id": self.users["specialist"].id}
        )
        flag = {MODULE_UNINSTALL_FLAG: True}
        for attempt in (
            need.with_user(self.users["manager"]).with_context(**flag),
            need.with_user(self.env.ref("base.user_admin")).with_context(**flag),
            need.sudo().with_context(**flag),
        ):
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                attempt.unlink()
        document = self._document(need)
        with self.assertRaises(UserError):
            document.sudo().with_context(**flag).unlink()
        self.assertTrue(need.exists())
        # During an uninstall the module is marked "to remove" and the server runs as the superuser.
        self.env.ref("base.module_sales_archive_lending").sudo().state = "to remove"
        with self.assertRaises(UserError):
            need.with_user(self.env.ref("base.user_admin")).with_context(**flag).unlink()
        need.sudo().with_context(**flag).unlink()
        self.assertFalse(need.exists())
