# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import PriceCase


class TestPriceTable(PriceCase):
    def _approve(self, table):
        table.with_user(self.users["manager"]).action_submit()
        table.with_user(self.users["gm"]).action_approve()

    def test_three_versions_one_active_and_comparison(self):
        """PC-1: activating a version supersedes the previous one; the comparison of three versions
        lists every change with old/new price, % and reason; superseded versions stay readable."""
        v2 = self._make_table(
            "v2", {self.fibre: 110.0, self.yarn: 200.0, self.novelty: 300.0}, reasons={self.fibre: "Feedstock up"}
        )
        self._approve(v2)
        self.assertEqual(v2.state, "active")
        self.assertEqual(self.table.state, "superseded")
        self.assertEqual(v2.previous_id, self.table)
        v3 = self._make_table("v3", {self.fibre: 99.0, self.novelty: 330.0}, reasons={self.novelty: "Strategy B"})
        self._approve(v3)
        tables = self.env["sales.price.table"].search([("company_id", "=", self.company.id), ("state", "=", "active")])
        self.assertEqual(tables, v3, "one active version per company")
        self.assertEqual(v2.state, "superseded")

        changes = {change["product_id"]: change for change in v2._compare_with(self.table)}
        self.assertEqual(set(changes), {self.fibre.id, self.novelty.id}, "unchanged yarn is not listed")
        self.assertEqual(changes[self.fibre.id]["old_price"], 100.0)
        self.assertEqual(changes[self.fibre.id]["new_price"], 110.0)
        self.assertAlmostEqual(changes[self.fibre.id]["change_percent"], 10.0)
        self.assertEqual(changes[self.fibre.id]["reason"], "Feedstock up")
        self.assertEqual(changes[self.novelty.id]["change_type"], "added")

        action = v3.with_user(self.users["specialist"]).action_compare()
        wizard = self.env["sales.price.table.compare"].browse(action["res_id"])
        self.assertEqual(wizard.old_table_id, v2)
        by_product = {line.product_id: line for line in wizard.line_ids}
        self.assertAlmostEqual(by_product[self.fibre].change_percent, -10.0)
        self.assertEqual(by_product[self.yarn].change_type, "removed")
        self.assertAlmostEqual(by_product[self.novelty].change_percent, 10.0)
        self.assertEqual(by_product[self.novelty].reason, "Strategy B")

        old = self.table.with_user(self.users["specialist"])
        self.assertEqual(old.line_ids.mapped("price"), [100.0, 200.0], "superseded versions stay readable")
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            self.table.with_user(self.users["manager"]).line_ids[0].price = 1.0
        with self.assertRaises(UserError):
            self.table.with_user(self.users["manager"]).unlink()

    def test_comparison_needs_two_versions(self):
        """PC-1 / X-4: comparing a version that has no previous one says what to do."""
        with self.assertRaisesRegex(UserError, "Select two versions"):
            self._make_table("alone", {self.fibre: 1.0}).action_compare()

    def test_comparison_converts_units(self):
        """PC-1: an old price per unit is compared with a new one per dozen in the dozen."""
        per_dozen = self._make_table("dozen", {self.fibre: 1320.0})
        per_dozen.line_ids.uom_id = self.uom_dozen
        change = per_dozen._compare_with(self.table)[0]
        self.assertAlmostEqual(change["old_price"], 1200.0)
        self.assertAlmostEqual(change["change_percent"], 10.0)

    def test_only_manager_submits_and_only_gm_approves(self):
        """PC-1 / X-5: specialists cannot submit, sales managers cannot approve."""
        draft = self._make_table("draft", {self.fibre: 101.0})
        with self.assertRaisesRegex(AccessError, "sales manager"):
            draft.with_user(self.users["specialist"]).action_submit()
        draft.with_user(self.users["manager"]).action_submit()
        with self.assertRaisesRegex(AccessError, "general manager"):
            draft.with_user(self.users["manager"]).action_approve()
        self.assertEqual(draft.state, "to_approve")
        self.assertEqual(self.table.state, "active")

    def test_future_version_waits_for_its_date_and_feeds_pricelist(self):
        """PC-1: an approved version becomes active on its effective date (idempotent job) and
        replaces the fixed prices of the pricelist it feeds."""
        pricelist = self.env["product.pricelist"].create({"name": "SCT base prices"})
        future = self._make_table("future", {self.fibre: 120.0}, date_start="2099-01-01")
        future.pricelist_id = pricelist
        self._approve(future)
        self.assertEqual(future.state, "approved")
        self.env["sales.price.table"]._cron_activate_due_tables()
        self.assertEqual(future.state, "approved")
        self.assertEqual(self.table.state, "active")
        future._activate_due(today=future.date_start)
        future._activate_due(today=future.date_start)
        self.assertEqual(future.state, "active")
        self.assertEqual(self.table.state, "superseded")
        self.assertEqual(pricelist.item_ids.product_id, self.fibre)
        self.assertEqual(pricelist.item_ids.fixed_price, 120.0)
        self.assertEqual(pricelist._get_product_price(self.fibre, 1.0), 120.0)

    def test_state_changes_are_tracked(self):
        """PC-1 / X-6: every state change of a version is tracked in its chatter."""
        draft = self._make_table("tracked", {self.fibre: 105.0})
        self.env.flush_all()
        self.env.cr.precommit.run()  # creating and approving are separate transactions in the UI
        self._approve(draft)
        self.env.flush_all()
        self.env.cr.precommit.run()
        draft.invalidate_recordset()
        values = draft.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "state")
        self.assertIn("Active", values.mapped("new_value_char"))
