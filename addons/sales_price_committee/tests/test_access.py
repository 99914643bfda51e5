# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import PriceCase

MODELS = [
    "sales.price.table",
    "sales.price.table.line",
    "sales.price.authority",
    "sales.price.authority.line",
    "sales.new.product.pricing",
    "sales.price.adjustment",
    "sales.price.adjustment.line",
    "sales.price.committee.session",
    "sales.price.committee.agenda.item",
    "sales.phone.authorization",
]


class TestAccess(PriceCase):
    def test_gate_guard_sees_nothing(self):
        """X-5: a gate guard gets AccessError on every model of the price module."""
        for model in MODELS:
            with self.assertRaises(AccessError, msg=model):
                self.as_role("guard", model).search([])

    def test_roles_read_and_write_what_they_should(self):
        """PC-1 / PC-2 / X-5: sales staff read base prices but only managers edit them; the
        committee reads them; warehouse keepers see none."""
        self.assertTrue(self.as_role("specialist", "sales.price.table.line").search([]))
        self.assertTrue(self.as_role("committee", "sales.price.table").search([]))
        with self.assertRaises(AccessError):
            self.as_role("specialist", "sales.price.table").create({"name": "mine"})
        with self.assertRaises(AccessError):
            self.as_role("warehouse", "sales.price.table").search([])
        with self.assertRaises(AccessError):
            self.as_role("specialist", "sales.price.committee.session").search([])
        self.assertTrue(self.as_role("manager", "sales.price.table").create({"name": "draft"}))

    def test_other_company_tables_are_invisible(self):
        """X-5: base price tables of another company are not visible."""
        other = self.env["res.company"].create({"name": "SCT Other"})
        theirs = self.env["sales.price.table"].create({"name": "theirs", "company_id": other.id})
        self.assertFalse(self.as_role("manager", "sales.price.table").search([("id", "=", theirs.id)]))
