# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PriceCase


class TestNewProductPricing(PriceCase):
    def _pricing(self):
        return (
            self.env["sales.new.product.pricing"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "product_id": self.novelty.id,
                    "cost_estimate": 240,
                    "production_opinion": "Stable",
                    "market_information": "Competitors at 310",
                    "proposed_price": 300,
                }
            )
        )

    def test_sales_manager_then_general_manager_set_provisional_price(self):
        """PC-4: new-product pricing goes to the sales manager, then the general manager (tiers linked
        to the new_product_pricing matter); approval sets the provisional price."""
        pricing = self._pricing()
        self.assertTrue(pricing.name.startswith("XPDJ/"))
        with self.assertRaises(AccessError):
            pricing.action_approve()
        pricing.with_user(self.users["manager"]).request_validation()
        reviews = pricing.review_ids.sorted("sequence")
        self.assertEqual(
            reviews.definition_id.authority_matter_id,
            self.env.ref("sales_doc_control.authority_matter_new_product_pricing"),
        )
        self.assertEqual(
            reviews[0].definition_id.reviewer_group_id, self.env.ref("sales_doc_control.group_sales_manager")
        )
        self._validate(pricing, "manager")
        self.assertEqual(reviews[0].status, "approved")
        self.assertNotEqual(reviews[1].status, "approved")
        with self.assertRaises(ValidationError):
            pricing.with_user(self.users["manager"]).action_approve()
        self.assertEqual(pricing.state, "draft")
        self._validate(pricing, "gm")
        pricing.with_user(self.users["manager"]).action_approve()
        self.assertEqual(pricing.state, "approved")
        self.assertEqual(pricing.provisional_price, 300)
        with self.assertRaisesRegex(UserError, "kept unchanged"):
            pricing.with_user(self.users["manager"]).proposed_price = 250
        with self.assertRaises(UserError):
            pricing.with_user(self.users["manager"]).unlink()

    def test_volume_threshold_puts_product_on_agenda_once_and_committee_proposes_it(self):
        """PC-4 / PC-6: when the volume sold reaches the monthly threshold (in the product's unit) the
        job puts the product on the committee's next agenda, only once; the committee's approval
        proposes it for the base price table at its provisional price."""
        pricing = self._pricing()
        pricing.with_user(self.users["gm"]).action_approve()
        order = self._order([(self.novelty, 300, 0.0, self.uom_dozen, 5)])
        self._confirm(order)
        self.assertEqual(pricing.sold_qty_total, 60)
        model = self.env["sales.new.product.pricing"]
        self.assertFalse(model._cron_check_volume_threshold())
        self._confirm(self._order([(self.novelty, 300, 0.0, self.uom_dozen, 4)]))
        pricing.invalidate_recordset()
        self.assertEqual(pricing.sold_qty_month, 108)
        self.assertEqual(model._cron_check_volume_threshold(), pricing)
        self.assertTrue(pricing.committee_due)
        items = self.env["sales.price.committee.agenda.item"].search([("pricing_id", "=", pricing.id)])
        self.assertEqual(len(items), 1)
        self.assertEqual(items.session_id.state, "planned")
        self.assertFalse(model._cron_check_volume_threshold())
        self.assertEqual(
            self.env["sales.price.committee.agenda.item"].search_count([("pricing_id", "=", pricing.id)]), 1
        )

        # The committee approves: the product is proposed for the base price table at its provisional price.
        session = items.session_id.with_user(self.users["committee"])
        session.agenda_item_ids.write({"decision": "deferred"})
        items.decision = "approved"
        session.attendee_ids = self.users["committee"]
        session.action_hold()
        proposal = items.adjustment_id
        self.assertEqual(proposal.reason_category, "new_product")
        self.assertEqual(proposal.state, "draft")
        self.assertEqual(proposal.line_ids.product_id, self.novelty)
        self.assertEqual(proposal.line_ids.new_price, 300)
        self.assertFalse(proposal.line_ids.old_price)

    def test_cumulative_threshold_counts_sales_older_than_a_month(self):
        """PC-4: the cumulative threshold (Y, in the product's unit) puts a product on the agenda even
        when nothing was sold in the last 30 days; below it, nothing happens."""
        pricing = self._pricing()
        pricing.with_user(self.users["gm"]).action_approve()
        self._confirm(self._order([(self.novelty, 300, 0.0, self.uom_dozen, 40)]))
        model = self.env["sales.new.product.pricing"]
        later = datetime.now() + timedelta(days=60)
        self.assertEqual(pricing._sold_quantities(later)[pricing], (0.0, 480.0))
        self.assertFalse(model._cron_check_volume_threshold(now=later), "480 units is below 500")
        self._confirm(self._order([(self.novelty, 300, 0.0, self.uom_unit, 20)]))
        self.assertEqual(pricing._sold_quantities(later)[pricing], (0.0, 500.0))
        self.assertEqual(model._cron_check_volume_threshold(now=later), pricing)
        self.assertTrue(pricing.committee_due)
        self.assertEqual(
            self.env["sales.price.committee.agenda.item"].search_count([("pricing_id", "=", pricing.id)]), 1
        )
