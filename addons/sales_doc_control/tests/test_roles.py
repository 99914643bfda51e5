# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from lxml import etree

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user

from .common import ROLE_GROUPS, SalesControlCase


class TestRoles(SalesControlCase):
    def test_sales_line_implies_the_level_below(self):
        """DC-1: Specialist ⊂ Supervisor ⊂ Sales Manager ⊂ General Manager, mapped onto Odoo's sales groups."""
        specialist, supervisor, manager, gm = (self.users[r] for r in ("specialist", "supervisor", "manager", "gm"))
        self.assertTrue(specialist.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(specialist.has_group("sales_doc_control.group_sales_supervisor"))
        self.assertTrue(supervisor.has_group("sales_doc_control.group_sales_specialist"))
        self.assertTrue(supervisor.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(supervisor.has_group("sales_doc_control.group_sales_manager"))
        self.assertTrue(manager.has_group("sales_doc_control.group_sales_supervisor"))
        self.assertTrue(manager.has_group("sales_team.group_sale_manager"))
        self.assertFalse(manager.has_group("sales_doc_control.group_sales_general_manager"))
        self.assertTrue(gm.has_group("sales_doc_control.group_sales_manager"))

    def test_general_manager_holds_every_role_but_the_gate(self):
        """DC-1: the general manager sees and approves everything; the gate guard's duty is not implied."""
        gm = self.users["gm"]
        for role, group in ROLE_GROUPS.items():
            if role == "guard":
                self.assertFalse(gm.has_group(group))
            else:
                self.assertTrue(gm.has_group(group), f"the general manager should hold {group}")

    def test_functional_roles_are_separate(self):
        """DC-1: finance, legal, quality, warehouse, gate, archive and committee roles imply no sales authority."""
        for role in ("finance", "legal", "quality", "warehouse", "guard", "archivist", "committee"):
            user = self.users[role]
            self.assertTrue(user.has_group("base.group_user"))
            self.assertFalse(user.has_group("sales_doc_control.group_sales_specialist"), role)
        self.assertTrue(self.users["finance"].has_group("account.group_account_invoice"))
        self.assertTrue(self.users["assistant"].has_group("sales_team.group_sale_salesman_all_leads"))

    def test_gate_guard_holds_no_other_role(self):
        """DC-1 / DG-7 / X-5: a gate guard's account is for the gate only: it cannot also hold another role
        of the suite, nor Odoo's sales, inventory, invoicing or access-rights roles, whichever way the
        role is given (the user's groups, the group's users, a group made to imply another)."""
        guard_group = "sales_doc_control.group_sales_gate_guard"
        others = {group for role, group in ROLE_GROUPS.items() if role != "guard"}
        others |= {"sales_team.group_sale_salesman", "account.group_account_invoice", "base.group_erp_manager"}
        if self.env.ref("stock.group_stock_user", raise_if_not_found=False):
            others.add("stock.group_stock_user")
        for group in sorted(others):
            # assertRaises (unlike assertRaisesRegex) rolls back the user refused after its insertion.
            with self.assertRaises(ValidationError, msg=group) as refused:
                new_test_user(self.env, login=f"sct_guard_and_{group}", groups=f"{guard_group},{group}")
            self.assertIn("cannot be a gate guard and hold the role", str(refused.exception))
        guard = self.users["guard"]
        keeper = self.env.ref("sales_doc_control.group_sales_warehouse_keeper")
        guard_role = self.env.ref(guard_group)
        for refused_change, text in (
            (lambda: guard.write({"groups_id": [Command.link(keeper.id)]}), f"{guard.name} cannot be a gate guard"),
            (lambda: keeper.write({"users": [Command.link(guard.id)]}), "Remove one of the two roles"),
            (lambda: guard_role.write({"implied_ids": [Command.link(keeper.id)]}), "Warehouse Keeper"),
            # The other way round: the warehouse keeper cannot be made a guard either.
            (lambda: self.users["warehouse"].write({"groups_id": [Command.link(guard_role.id)]}), "gate guard"),
        ):
            with self.assertRaises(ValidationError) as refused:
                refused_change()
            self.assertIn(text, str(refused.exception))
        self.env.invalidate_all()
        self.assertFalse(guard.has_group("sales_doc_control.group_sales_warehouse_keeper"))
        self.assertFalse(self.users["warehouse"].has_group(guard_group))
        # Taking the guard role away from a guard makes the other role possible.
        guard.write({"groups_id": [Command.unlink(guard_role.id), Command.link(keeper.id)]})
        self.assertTrue(guard.has_group("sales_doc_control.group_sales_warehouse_keeper"))

    def test_roles_share_one_category(self):
        """DC-1: every role of the suite sits in the "Sales Control" category."""
        category = self.env.ref("sales_doc_control.module_category_sales_control")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(set(groups.get_external_id().values()), set(ROLE_GROUPS.values()))

    def test_every_role_has_a_demo_user(self):
        """DC-1: the demo data has a user for every role of the category."""
        demo = Path(get_module_path("sales_doc_control")) / "demo" / "res_users_demo.xml"
        tree = etree.parse(str(demo))
        demo_groups = {
            node.get("eval").split("ref('")[1].split("')")[0]
            for node in tree.iterfind(".//record[@model='res.users']/field[@name='groups_id']")
        }
        category = self.env.ref("sales_doc_control.module_category_sales_control")
        for group in self.env["res.groups"].search([("category_id", "=", category.id)]):
            self.assertIn(group.get_external_id()[group.id].split(".")[1], demo_groups)

    def test_menus_follow_the_roles(self):
        """DC-1: the gate guard does not see the Sales Control menu; configuration of fines is the GM's."""
        root = self.env.ref("sales_doc_control.menu_sales_control_root")
        rules_menu = self.env.ref("sales_doc_control.menu_sales_violation_rule")
        menus = self.env["ir.ui.menu"]
        guard_visible = menus.with_user(self.users["guard"])._visible_menu_ids()
        specialist_visible = menus.with_user(self.users["specialist"])._visible_menu_ids()
        gm_visible = menus.with_user(self.users["gm"])._visible_menu_ids()
        self.assertNotIn(root.id, guard_visible)
        self.assertIn(root.id, specialist_visible)
        self.assertNotIn(rules_menu.id, specialist_visible)
        self.assertIn(rules_menu.id, gm_visible)
