# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.exceptions import AccessError

from .common import SalesControlCase

SEED_MATTERS = [
    "market_planning",
    "new_product_planning",
    "existing_product_planning",
    "market_information",
    "customer_development_plan",
    "customer_credit",
    "new_product_pricing",
    "base_price_adjustment",
    "sales_contract_review",
    "non_cash_dispatch",
    "new_customer_dispatch",
    "complaint_handling",
]


class TestAuthorityMatrix(SalesControlCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Matter = cls.env["sales.authority.matter"]
        cls.non_cash = cls.env.ref("sales_doc_control.authority_matter_non_cash_dispatch")

    def test_seed_rows_are_shipped(self):
        """DC-2: the twelve matters of the seed's authority matrix ship as data, in the seed's order."""
        self.assertEqual(self.Matter.search([("code", "in", SEED_MATTERS)]).mapped("code"), SEED_MATTERS)
        gm = self.env.ref("sales_doc_control.group_sales_general_manager")
        manager = self.env.ref("sales_doc_control.group_sales_manager")
        finance = self.env.ref("sales_doc_control.group_sales_finance_reviewer")
        contract = self.Matter._get_matter("sales_contract_review")
        self.assertTrue(contract.initiated_by_customer)
        self.assertEqual(contract.approver_group_ids, gm)
        self.assertEqual(contract.related_reviewer_group_ids, finance)
        self.assertEqual(self.non_cash.approver_group_ids, manager | gm)
        credit = self.Matter._get_matter("customer_credit")
        self.assertEqual(credit.department_reviewer_group_ids, manager | finance)

    def test_company_specific_row_wins_over_the_shared_one(self):
        """DC-2: a company may override a shared matter with its own row."""
        own = self.Matter.create(
            {
                "name": "Non-cash dispatch (own)",
                "code": "non_cash_dispatch",
                "area": "dispatch",
                "company_id": self.company.id,
            }
        )
        self.assertEqual(self.Matter._get_matter("non_cash_dispatch"), own)
        other = self.env["res.company"].create({"name": "SCT Other Company"})
        self.assertEqual(self.Matter._get_matter("non_cash_dispatch", company=other), self.non_cash)

    def test_sales_roles_read_but_cannot_edit(self):
        """DC-2: every suite role reads the matrix; only the general manager and administrators edit it."""
        for role in (
            "specialist",
            "supervisor",
            "manager",
            "assistant",
            "finance",
            "legal",
            "quality",
            "warehouse",
            "archivist",
            "committee",
        ):
            matter = self.non_cash.with_user(self.users[role])
            self.assertEqual(matter.name, "Non-cash dispatch", role)
            with self.assertRaises(AccessError, msg=role):
                matter.write({"remarks": "changed"})
            with self.assertRaises(AccessError, msg=role):
                self.as_role(role, "sales.authority.matter").create({"name": "X", "code": "x", "area": "pricing"})

    def test_gate_guard_sees_nothing_of_the_matrix(self):
        """DC-2 / X-5: the gate guard cannot read the authority matrix."""
        with self.assertRaises(AccessError):
            self.as_role("guard", "sales.authority.matter").search([])
        with self.assertRaises(AccessError):
            self.non_cash.with_user(self.users["guard"]).read(["name"])

    def test_general_manager_edits_and_changes_are_tracked(self):
        """DC-2 / X-6: the general manager's change of approvers is tracked in the chatter."""
        committee = self.env.ref("sales_doc_control.group_sales_price_committee")
        matter = self.non_cash.with_user(self.users["gm"])
        matter.write(
            {
                "remarks": "Above the credit limit the general manager decides.",
                "participant_group_ids": [(4, committee.id)],
            }
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        tracked = self.non_cash.message_ids.sudo().mapped("tracking_value_ids.field_id.name")
        self.assertIn("remarks", tracked)
        self.assertIn("participant_group_ids", tracked)
        self.assertEqual(self.non_cash.message_ids[0].author_id, self.users["gm"].partner_id)

    def test_matter_lists_the_tiers_that_enforce_it(self):
        """DC-2: each matter links to the tier definitions that enforce it."""
        tier = self.env["tier.definition"].create(
            {
                "name": "Non-cash dispatch: sales manager",
                "model_id": self.env.ref("base.model_res_partner").id,
                "review_type": "group",
                "reviewer_group_id": self.env.ref("sales_doc_control.group_sales_manager").id,
                "authority_matter_id": self.non_cash.id,
            }
        )
        self.assertEqual(self.non_cash.tier_definition_ids, tier)
        self.assertEqual(self.non_cash.tier_definition_count, 1)
        action = self.non_cash.action_view_tier_definitions()
        self.assertEqual(self.env["tier.definition"].search(action["domain"]), tier)

    def test_xlsx_export_lists_every_row(self):
        """DC-2: the matrix exports to XLSX with one row per matter and the roles spelled out."""
        matters = self.as_role("specialist", "sales.authority.matter").search([("code", "in", SEED_MATTERS)])
        report = self.env.ref("sales_doc_control.action_report_authority_matrix_xlsx")
        content, fmt = (
            self.env["ir.actions.report"]
            .with_user(self.users["specialist"])
            ._render(report.report_name, matters.ids, {})
        )
        self.assertEqual(fmt, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][1], "Matter")
        self.assertEqual(len(rows), 1 + len(SEED_MATTERS))
        contract_row = next(row for row in rows if row[1] == "Sales contract review")
        self.assertIn("Customer", contract_row[2])
        self.assertEqual(contract_row[7], "General Manager")

    def test_gate_guard_cannot_export_the_matrix(self):
        """DC-2 / X-5: the XLSX export checks read access of the exporting user."""
        report = self.env.ref("sales_doc_control.action_report_authority_matrix_xlsx")
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.users["guard"])._render(
                report.report_name, self.non_cash.ids, {}
            )
