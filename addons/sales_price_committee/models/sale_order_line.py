# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .sales_price_authority_line import AUTHORITY_LEVELS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    sales_price_reference = fields.Selection(
        selection=[
            ("base", "Base price table"),
            ("provisional", "Provisional new-product price"),
            ("none", "No base price"),
        ],
        string="Price Reference",
        compute="_compute_sales_price_deviation",
        help="What the line's price is compared with. Empty when the company has no active base price table.",
    )
    sales_base_price = fields.Monetary(
        string="Base Price",
        compute="_compute_sales_price_deviation",
        currency_field="currency_id",
        help="The reference price per unit of this line, in the order's currency.",
    )
    sales_price_deviation = fields.Float(
        string="Deviation (%)",
        compute="_compute_sales_price_deviation",
        digits=(16, 2),
        help="Net unit price (after discount) against the base price; negative means below base.",
    )
    sales_price_authority_level = fields.Selection(
        selection=AUTHORITY_LEVELS,
        string="Price Authority Needed",
        compute="_compute_sales_price_deviation",
        help="The lowest role of the price authority table allowed to decide this price.",
    )

    @api.depends(
        "product_id",
        "product_uom",
        "price_unit",
        "discount",
        "display_type",
        "order_id.currency_id",
        "order_id.date_order",
        "order_id.company_id",
    )
    def _compute_sales_price_deviation(self):
        """PC-3: deviation of each line from its base price and the authority level it needs.

        The base price is converted to the line's unit and to the order's currency at
        the order date, and compared with the net unit price after discount. Products
        without a base price use an approved provisional new-product price (below it
        only the general manager decides) or else need the general manager.
        """
        priced = self.filtered(lambda line: line.product_id and not line.display_type and not line.is_downpayment)
        (self - priced).update(
            {
                "sales_price_reference": False,
                "sales_base_price": 0.0,
                "sales_price_deviation": 0.0,
                "sales_price_authority_level": False,
            }
        )
        if not priced:
            return
        # sudo: every user who may read an order line sees its deviation, including
        # Odoo salesmen without a role of the suite who cannot open the price tables.
        companies = priced.order_id.company_id
        tables = (
            self.env["sales.price.table"].sudo().search([("state", "=", "active"), ("company_id", "in", companies.ids)])
        )
        base_lines = {
            (line.company_id, line.product_id): line
            for line in self.env["sales.price.table.line"]
            .sudo()
            .search([("table_id", "in", tables.ids), ("product_id", "in", priced.product_id.ids)])
        }
        provisional = {}
        for pricing in (
            self.env["sales.new.product.pricing"]
            .sudo()
            .search(
                [
                    ("state", "=", "approved"),
                    ("company_id", "in", companies.ids),
                    ("product_id", "in", priced.product_id.ids),
                ],
                order="approval_date asc, id asc",
            )
        ):
            provisional[(pricing.company_id, pricing.product_id)] = pricing
        authorities = {
            authority.company_id: authority
            for authority in self.env["sales.price.authority"]
            .sudo()
            .search([("state", "=", "active"), ("company_id", "in", companies.ids)])
        }
        for line in priced:
            order = line.order_id
            company = order.company_id
            if company not in tables.company_id:
                line.update(
                    {
                        "sales_price_reference": False,
                        "sales_base_price": 0.0,
                        "sales_price_deviation": 0.0,
                        "sales_price_authority_level": False,
                    }
                )
                continue
            date = fields.Date.to_date(order.date_order) or fields.Date.context_today(line)
            key = (company, line.product_id)
            reference = "base" if key in base_lines else ("provisional" if key in provisional else "none")
            base = base_lines.get(key) or provisional.get(key)
            base_price = base._price_in(line.product_uom, order.currency_id, company, date) if base else 0.0
            net = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            deviation = round((net - base_price) / base_price * 100, 4) if base_price else 0.0
            if reference == "base":
                authority = authorities.get(company)
                level = (
                    authority._required_level(line.product_id.categ_id, -deviation)
                    if authority
                    else ("gm" if deviation < 0 else "specialist")
                )
            elif reference == "provisional":
                level = "gm" if deviation < 0 else "specialist"
            else:
                level = "gm"
            line.update(
                {
                    "sales_price_reference": reference,
                    "sales_base_price": base_price,
                    "sales_price_deviation": deviation,
                    "sales_price_authority_level": level,
                }
            )
