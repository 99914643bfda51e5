# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import ArchiveCase

# The registered kinds this module's tests delete (test_deletion_guard.py and this file).
TESTED_KINDS = {"res.partner", "sale.order", "sales.customer.need", "sales.contract.amendment", "account.move"}


@tagged("post_install", "-at_install")
class TestDeletionGuardKinds(ArchiveCase):
    def test_every_registered_kind_of_the_dependencies_has_a_deletion_test(self):
        """AL-2: every model that the modules this one depends on register in the document register
        (sales.document.mixin) has an unlink() test here, so a kind added later is not left unguarded
        without anyone noticing. Kinds registered by modules that do not depend on this one are tested
        in their own module."""
        module = self.env.ref("base.module_sales_archive_lending")
        scope = set(module.upstream_dependencies(exclude_states=("uninstallable", "to remove")).mapped("name"))
        registered = set()
        for name in self.env.registry:
            model_class = self.env.registry[name]
            if model_class._abstract or name == "sales.document.mixin":
                continue
            for definition in model_class.__mro__:
                inherit = definition.__dict__.get("_inherit") or ()
                inherit = [inherit] if isinstance(inherit, str) else inherit
                if "sales.document.mixin" in inherit and definition.__dict__.get("_module") in scope:
                    registered.add(name)
        self.assertEqual(registered, TESTED_KINDS, "Registered kinds and the kinds with a deletion test differ")

    def test_contract_with_a_contract_period_cannot_be_deleted(self):
        """AL-2: a contract kept for years after its contract period ended is refused to the sales
        manager, an administrator and sudo(), confirmed (cancel it instead) and cancelled (keep it)."""
        contract = self._confirmed(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 6, 30))
        document = self._document(contract)
        self.assertEqual(document.retain_until, date(2029, 6, 30))
        with freeze_time("2028-01-01"):
            for attempt in (
                contract.with_user(self.users["manager"]),
                contract.with_user(self.env.ref("base.user_admin")),
                contract.sudo(),
            ):
                with self.assertRaisesRegex(UserError, "Cancel it instead"):
                    attempt.unlink()
            contract.with_user(self.users["gm"])._action_cancel()
            with self.assertRaisesRegex(UserError, "Keep it"):
                contract.sudo().unlink()
        self.assertTrue(contract.exists())
        self.assertFalse(document.record_deleted)

    def test_merging_a_retained_customer_away_is_refused(self):
        """AL-2: merging contacts deletes the merged ones through sudo() (base's merge wizard): a customer
        whose file is retained cannot be merged away, not even by an administrator; the refusal says to
        archive it instead, and nothing of the merge is kept."""
        customer_file = self._customer_file()
        self.assertEqual(customer_file.retention_state, "permanent")
        duplicate = self.env["res.partner"].create({"name": "SCT Customer (duplicate)", "is_company": True})
        admin = self.env.ref("base.user_admin")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(admin)
            .create({"partner_ids": [(6, 0, (self.customer | duplicate).ids)], "dst_partner_id": duplicate.id})
        )
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            wizard.action_merge()
        self.assertTrue(self.customer.exists())
        self.assertFalse(customer_file.record_deleted)
        # A contact with no retained file merges as usual.
        other = self.env["res.partner"].create({"name": "SCT Prospect", "is_company": True})
        self.assertFalse(self._document(other))
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(admin)
            .create({"partner_ids": [(6, 0, (other | duplicate).ids)], "dst_partner_id": duplicate.id})
        )
        wizard.action_merge()
        self.assertFalse(other.exists())


@tagged("post_install", "-at_install")
class TestDeletionGuardInvoices(ArchiveCase, AccountTestInvoicingCommon):
    """Customer invoices in a company with a chart of accounts of its own (no demo data needed); the test
    environment is an accountant's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.make_user("sct_accountant", "base.group_user,account.group_account_manager")
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.company_ids = [Command.link(cls.company.id)]

    def _document(self, record):
        # What the register holds, whoever may read it.
        return (
            self.env["sales.document"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        )

    def _posted_invoice(self, invoice_date):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_user_id": self.users["specialist"].id,
                "invoice_date": invoice_date,
                "invoice_line_ids": [Command.create({"name": "yarn", "quantity": 2, "price_unit": 50.0})],
            }
        )
        invoice.with_user(self.accountant).action_post()
        return invoice

    def test_invoice_is_kept_from_its_invoice_date(self):
        """AL-1: a posted invoice is kept for the company's years after its invoice date; a date changed while
        it is back in draft moves its retain-until date."""
        invoice = self._posted_invoice(date(2026, 3, 2))
        document = self._document(invoice)
        self.assertEqual(
            document.retention_rule_id, self.env.ref("sales_archive_lending.retention_rule_customer_invoice")
        )
        self.assertEqual(document.retention_trigger_date, date(2026, 3, 2))
        self.assertEqual(document.retain_until, date(2029, 3, 2))
        invoice.with_user(self.accountant).button_draft()
        invoice.with_user(self.accountant).invoice_date = date(2026, 4, 1)
        self.assertEqual(document.retain_until, date(2029, 4, 1))

    def test_invoice_reset_to_draft_cannot_be_deleted(self):
        """AL-2: a retained invoice, posted then reset to draft (which Odoo itself would let an accountant
        delete), is refused to the accountant, an administrator and sudo(), with a clear error saying until
        when it is kept and to cancel it instead; posted, it is refused by the same guard first."""
        invoice = self._posted_invoice(date(2026, 3, 2))
        document = self._document(invoice)
        with freeze_time("2027-01-01"):
            with self.assertRaisesRegex(UserError, "retained until 2029-03-02.*Cancel it instead"):
                invoice.with_user(self.accountant).unlink()
            invoice.with_user(self.accountant).button_draft()
            self.assertEqual(invoice.state, "draft")
            # Odoo's own rules would allow it: no audit trail, and an accountant may break the sequence.
            self.assertFalse(invoice.company_id.check_account_audit_trail)
            for attempt in (
                invoice.with_user(self.accountant),
                invoice.with_user(self.admin).with_company(self.company),
                invoice.sudo(),
            ):
                with self.assertRaisesRegex(UserError, "retained until 2029-03-02.*Cancel it instead"):
                    attempt.unlink()
            invoice.with_user(self.accountant).button_cancel()
            with self.assertRaisesRegex(UserError, "retained until 2029-03-02.*Keep it"):
                invoice.sudo().unlink()
        self.assertTrue(invoice.exists())
        self.assertFalse(document.record_deleted)

    def test_cancelled_invoice_past_retention_may_be_deleted(self):
        """AL-2: once its retention has ended, a cancelled invoice is deleted like any other; its register
        row stays, marked deleted."""
        invoice = self._posted_invoice(date(2020, 1, 15))
        document = self._document(invoice)
        self.assertEqual(document.retain_until, date(2023, 1, 15))
        self.assertEqual(document.retention_state, "expired")
        invoice.with_user(self.accountant).button_draft()
        invoice.with_user(self.accountant).button_cancel()
        invoice.with_user(self.accountant).unlink()
        self.assertFalse(invoice.exists())
        self.assertTrue(document.record_deleted)
