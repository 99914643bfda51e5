# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PriceCase


class TestPriceAuthority(PriceCase):
    def test_gm_approves_and_previous_is_superseded(self):
        """PC-2: the sales manager drafts, the general manager approves; the previous table is superseded."""
        draft = (
            self.env["sales.price.authority"]
            .with_user(self.users["manager"])
            .create({"name": "Q2", "line_ids": [Command.create({"level": "specialist", "max_discount": 2})]})
        )
        with self.assertRaisesRegex(AccessError, "general manager"):
            draft.action_approve()
        draft.with_user(self.users["gm"]).action_approve()
        self.assertEqual(draft.state, "active")
        self.assertEqual(draft.approved_by_id, self.users["gm"])
        self.assertEqual(self.authority.state, "superseded")
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            draft.with_user(self.users["manager"]).write({"name": "changed"})
        with self.assertRaises(AccessError):
            self.env["sales.price.authority"].with_user(self.users["specialist"]).create({"name": "mine"})

    def test_band_per_category_and_fallback(self):
        """PC-2: a role's band for the product category wins; other roles keep their general band;
        beyond every band the general manager decides."""
        self.assertEqual(self.authority._required_level(self.categ, 0), "specialist")
        self.assertEqual(self.authority._required_level(self.categ, 3), "specialist")
        self.assertEqual(self.authority._required_level(self.categ, 4), "supervisor")
        self.assertEqual(self.authority._required_level(self.categ, 8), "manager")
        self.assertEqual(self.authority._required_level(self.categ, 8.5), "gm")
        child = self.env["product.category"].create({"name": "child", "parent_id": self.categ.id})
        draft = self.authority.copy({"name": "per category"})
        draft.write(
            {
                "line_ids": [
                    Command.create({"level": "specialist", "max_discount": 1, "product_categ_id": self.categ.id})
                ]
            }
        )
        self.assertEqual(draft._required_level(child, 2), "supervisor", "the parent category's band applies")
        self.assertEqual(draft._required_level(self.env["product.category"], 2), "specialist")
        with self.assertRaises(ValidationError):
            draft.line_ids[0].max_discount = 120
