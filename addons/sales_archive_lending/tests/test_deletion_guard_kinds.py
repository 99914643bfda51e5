# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ArchiveCase

# The registered kinds this module's tests delete (test_deletion_guard.py and this file).
TESTED_KINDS = {"res.partner", "sale.order", "sales.customer.need", "sales.contract.amendment"}


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
