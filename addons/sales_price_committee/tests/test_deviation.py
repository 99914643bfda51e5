# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import PriceCase


class TestDeviation(PriceCase):
    def test_level_per_line_and_order_takes_the_highest(self):
        """PC-3: each line's deviation and needed level; the order needs the highest."""
        order = self._order([(self.fibre, 98), (self.fibre, 96), (self.fibre, 93), (self.yarn, 210)])
        lines = order.order_line
        self.assertEqual(lines.mapped("sales_price_reference"), ["base"] * 4)
        self.assertEqual([round(d, 2) for d in lines.mapped("sales_price_deviation")], [-2.0, -4.0, -7.0, 5.0])
        self.assertEqual(
            lines.mapped("sales_price_authority_level"), ["specialist", "supervisor", "manager", "specialist"]
        )
        self.assertEqual(order.sales_price_authority_level, "manager")
        self.assertEqual(order.sales_price_approval_level, "manager")
        order.order_line[2].price_unit = 90
        self.assertEqual(order.sales_price_authority_level, "gm")

    def test_deviation_in_order_currency(self):
        """PC-3: the base price (company currency) is converted into the order's currency."""
        company_currency = self.company.currency_id
        other = self.env.ref("base.EUR") if company_currency != self.env.ref("base.EUR") else self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", other.id)]).unlink()
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "company_id": self.company.id, "name": "2020-01-01", "rate": 2.0}
        )
        pricelist = self.env["product.pricelist"].create({"name": "SCT foreign", "currency_id": other.id})
        order = self._order([(self.fibre, 196), (self.fibre, 190)], pricelist=pricelist)
        self.assertEqual(order.currency_id, other)
        self.assertAlmostEqual(order.order_line[0].sales_base_price, 200.0)
        self.assertAlmostEqual(order.order_line[0].sales_price_deviation, -2.0)
        self.assertEqual(order.order_line.mapped("sales_price_authority_level"), ["specialist", "supervisor"])

    def test_deviation_per_unit_of_measure(self):
        """PC-3: a line sold by the dozen is compared with the base price per unit times twelve."""
        order = self._order([(self.fibre, 1164, 0.0, self.uom_dozen), (self.fibre, 1140, 0.0, self.uom_dozen)])
        self.assertAlmostEqual(order.order_line[0].sales_base_price, 1200.0)
        self.assertAlmostEqual(order.order_line[0].sales_price_deviation, -3.0)
        self.assertEqual(order.order_line.mapped("sales_price_authority_level"), ["specialist", "supervisor"])

    def test_deviation_after_discount(self):
        """PC-3: the discount is applied before comparing with the base price."""
        order = self._order([(self.fibre, 100, 4.0), (self.fibre, 102, 2.0)])
        self.assertAlmostEqual(order.order_line[0].sales_price_deviation, -4.0)
        self.assertAlmostEqual(order.order_line[1].sales_price_deviation, -0.04)
        self.assertEqual(order.order_line.mapped("sales_price_authority_level"), ["supervisor", "specialist"])

    def test_product_without_base_price_needs_new_product_pricing_or_gm(self):
        """PC-3: a product without base price needs the general manager; with an approved
        new-product pricing its provisional price is the reference (below it: the general manager)."""
        order = self._order([(self.novelty, 300)])
        self.assertEqual(order.order_line.sales_price_reference, "none")
        self.assertEqual(order.sales_price_authority_level, "gm")
        pricing = self.env["sales.new.product.pricing"].create({"product_id": self.novelty.id, "proposed_price": 280})
        pricing.with_user(self.users["gm"]).action_approve()
        self.assertEqual(pricing.state, "approved")
        order.order_line.invalidate_recordset()
        order.invalidate_recordset()
        self.assertEqual(order.order_line.sales_price_reference, "provisional")
        self.assertEqual(order.sales_price_authority_level, "specialist")
        order.order_line.price_unit = 270
        self.assertEqual(order.sales_price_authority_level, "gm")

    def test_no_active_table_means_no_price_control(self):
        """PC-3: a company without an active base price table has no price authority to check."""
        self.table.sudo().write({"state": "superseded"})
        order = self._order([(self.fibre, 50)])
        self.assertFalse(order.order_line.sales_price_reference)
        self.assertFalse(order.sales_price_authority_level)

    def test_salesperson_level_covers_own_band(self):
        """PC-3: a supervisor's own -4 % needs no approval; a specialist's does."""
        self.assertEqual(self._order([(self.fibre, 96)], user="supervisor").sales_price_approval_level, False)
        self.assertEqual(self._order([(self.fibre, 96)], user="specialist").sales_price_approval_level, "supervisor")
        self.assertEqual(self._order([(self.fibre, 96)], user="specialist").sales_price_outside_authority, True)

    def test_levels_computed_with_constant_queries(self):
        """PC-3: the deviation of many lines costs the same queries as of two."""
        small = self._order([(self.fibre, 96), (self.yarn, 190)])
        large = self._order([(product, 90 + i) for i in range(10) for product in (self.fibre, self.yarn)])
        for order in (small, large):
            order.invalidate_recordset()
            order.order_line.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        small.mapped("sales_price_authority_level")
        expected = self.env.cr.sql_log_count - before
        with self.assertQueryCount(expected):
            large.mapped("sales_price_authority_level")
        self.assertEqual(len(large.order_line), 20)
        self.assertTrue(all(large.order_line.mapped("sales_price_authority_level")))
        self.env["sale.order.line"].create({"order_id": small.id, "display_type": "line_note", "name": "note"})
        self.assertFalse(small.order_line.filtered("display_type").sales_price_authority_level)
        self.assertEqual(len(small.order_line), 3)
