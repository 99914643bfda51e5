# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError

from .common import PriceCase

REFUSED = "can only be set by its workflow"


class TestWorkflowFields(PriceCase):
    """X-5: the status and approval fields cannot be written through RPC to skip a step."""

    def test_manager_cannot_approve_or_activate_a_base_price_table_by_writing(self):
        """PC-1 / X-5: a sales manager writing the status of a draft version is refused, so the
        activation job never makes it active without the general manager's approval."""
        manager = self.users["manager"]
        draft = self._make_table("SCT draft", {self.fibre: 50.0}).with_user(manager)
        for vals in ({"state": "approved"}, {"state": "active"}, {"approved_by_id": manager.id}):
            with self.assertRaisesRegex(UserError, REFUSED):
                draft.write(vals)
        tables = self.env["sales.price.table"].with_user(manager)
        with self.assertRaisesRegex(UserError, REFUSED):
            tables.create({"name": "SCT born active", "state": "active", "line_ids": []})
        self.env["sales.price.table"]._cron_activate_due_tables()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.table.state, "active")
        # The workflow itself still works: submitted by the manager, approved by the GM.
        draft.action_submit()
        draft.with_user(self.users["gm"]).action_approve()
        self.assertEqual(draft.state, "active")
        self.assertEqual(draft.approved_by_id, self.users["gm"])

    def test_manager_cannot_activate_a_price_authority_table_by_writing(self):
        """PC-2 / X-5: only the general manager's approval activates a price authority table."""
        draft = self.authority.copy({"name": "SCT next quarter"}).with_user(self.users["manager"])
        with self.assertRaisesRegex(UserError, REFUSED):
            draft.write({"state": "active"})
        with self.assertRaisesRegex(UserError, REFUSED):
            self.env["sales.price.authority"].with_user(self.users["manager"]).create(
                {"name": "SCT born active", "state": "active"}
            )
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.users["gm"]).action_approve()
        self.assertEqual(draft.state, "active")

    def test_salesperson_cannot_confirm_a_phone_authorisation_by_writing(self):
        """PC-8 / X-5: the salesperson cannot mark the post-hoc confirmation, move its deadline or
        raise the approver's level; the approver's confirmation still works."""
        order = self._order([(self.fibre, 93)])
        auth = (
            self.env["sales.phone.authorization"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "order_id": order.id,
                    "approver_id": self.users["manager"].id,
                    "authorized_at": self.dt("2026-11-20 10:00"),
                    "product_id": self.fibre.id,
                    "price": 93,
                }
            )
        )
        for vals in (
            {"state": "confirmed"},
            {"confirmed_at": self.dt("2026-11-21 10:00")},
            {"deadline": self.dt("2027-11-21 10:00")},
            {"approver_level": "gm"},
        ):
            with self.assertRaisesRegex(UserError, REFUSED):
                auth.write(vals)
        self.assertEqual(auth.state, "pending")
        auth.with_user(self.users["manager"]).action_confirm()
        self.assertEqual(auth.state, "confirmed")

    def test_specialist_cannot_approve_new_product_pricing_by_writing(self):
        """PC-4 / X-5: even with every tier validated, writing the status or the provisional price is
        refused; only the approval button sets the provisional price to the proposed one."""
        pricing = (
            self.env["sales.new.product.pricing"]
            .with_user(self.users["specialist"])
            .create({"product_id": self.novelty.id, "proposed_price": 300})
        )
        with self.assertRaisesRegex(UserError, REFUSED):
            pricing.write({"committee_due": True})
        pricing.with_user(self.users["manager"]).request_validation()
        self._validate(pricing, "manager")
        self._validate(pricing, "gm")
        with self.assertRaisesRegex(UserError, REFUSED):
            pricing.write({"state": "approved", "provisional_price": 1.0})
        with self.assertRaisesRegex(UserError, REFUSED):
            pricing.create({"product_id": self.novelty.id, "proposed_price": 300, "provisional_price": 1.0})
        self.assertEqual(pricing.state, "draft")
        pricing.with_user(self.users["manager"]).action_approve()
        self.assertEqual((pricing.state, pricing.provisional_price), ("approved", 300))

    def test_specialist_cannot_approve_a_price_adjustment_by_writing(self):
        """PC-5 / X-5: a fully reviewed adjustment only takes effect through "Put into Force", which
        creates the new table version; writing its status is refused."""
        adjustment = (
            self.env["sales.price.adjustment"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "reason_category": "market",
                    "line_ids": [Command.create({"product_id": self.fibre.id, "new_price": 98, "reason": "Market"})],
                }
            )
        )
        adjustment.request_validation()
        for role in ("manager", "committee", "gm"):
            self._validate(adjustment, role)
        with self.assertRaisesRegex(UserError, REFUSED):
            adjustment.write({"state": "approved"})
        with self.assertRaisesRegex(UserError, REFUSED):
            adjustment.write({"table_id": self.table.id})
        self.assertEqual(adjustment.state, "draft")
        adjustment.with_user(self.users["gm"]).action_approve()
        self.assertEqual(adjustment.state, "approved")
        self.assertEqual(adjustment.table_id.state, "active")

    def test_member_cannot_close_a_committee_session_by_writing(self):
        """PC-6 / X-5: a session is held only through "Hold", which requires attendance and a
        decision on every agenda item."""
        session = (
            self.env["sales.price.committee.session"]
            .with_user(self.users["committee"])
            .create({"date": "2026-12-01 09:00:00", "kind": "ad_hoc"})
        )
        with self.assertRaisesRegex(UserError, REFUSED):
            session.write({"state": "held"})
        with self.assertRaisesRegex(UserError, REFUSED):
            session.write({"reminder_sent": True})
        self.assertEqual(session.state, "planned")
        session.attendee_ids = self.users["committee"]
        session.action_hold()
        self.assertEqual(session.state, "held")
