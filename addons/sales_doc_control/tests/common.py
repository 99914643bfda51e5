# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user

ROLE_GROUPS = {
    "specialist": "sales_doc_control.group_sales_specialist",
    "specialist2": "sales_doc_control.group_sales_specialist",
    "supervisor": "sales_doc_control.group_sales_supervisor",
    "manager": "sales_doc_control.group_sales_manager",
    "gm": "sales_doc_control.group_sales_general_manager",
    "assistant": "sales_doc_control.group_sales_assistant",
    "finance": "sales_doc_control.group_sales_finance_reviewer",
    "legal": "sales_doc_control.group_sales_legal_reviewer",
    "quality": "sales_doc_control.group_sales_quality_inspector",
    "warehouse": "sales_doc_control.group_sales_warehouse_keeper",
    "guard": "sales_doc_control.group_sales_gate_guard",
    "archivist": "sales_doc_control.group_sales_archivist",
    "committee": "sales_doc_control.group_sales_price_committee",
}


class SalesControlCase(TransactionCase):
    """One user per role of the suite, shared by the suite's test classes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, no_reset_password=True))
        cls.company = cls.env.company
        cls.users = {
            role: cls.make_user(f"sct_{role}", group, name=f"SCT {role}") for role, group in ROLE_GROUPS.items()
        }
        cls.customer = cls.env["res.partner"].create({"name": "SCT Customer", "is_company": True})

    @classmethod
    def make_user(cls, login, groups, **values):
        """A user of the test company with ``groups`` (comma-separated xml ids)."""
        return new_test_user(
            cls.env, login=login, groups=groups, company_id=cls.company.id, company_ids=[cls.company.id], **values
        )

    @classmethod
    def as_role(cls, role, model):
        return cls.env[model].with_user(cls.users[role])
