# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command

from odoo.addons.sales_doc_control.tests.common import SalesControlCase


class PriceCase(SalesControlCase):
    """Products with base prices per unit, a -3/-5/-8 % authority table and a Mon-Fri calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "sales_quotation_deadline_days": 2,
                "sales_phone_auth_days": 2,
                "sales_new_product_monthly_qty": 100,
                "sales_new_product_total_qty": 500,
            }
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "SCT Mon-Fri",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": hour_from, "hour_to": hour_to}
                    )
                    for day in range(5)
                    for hour_from, hour_to in ((8, 12), (13, 17))
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_dozen = cls.env.ref("uom.product_uom_dozen")
        cls.categ = cls.env["product.category"].create({"name": "SCT Fibres"})
        cls.fibre, cls.yarn, cls.novelty = cls.env["product.product"].create(
            [
                {"name": f"SCT {name}", "type": "consu", "categ_id": cls.categ.id, "list_price": price}
                for name, price in (("Fibre", 100), ("Yarn", 200), ("Novelty", 300))
            ]
        )
        cls.table = cls._make_table("SCT base", {cls.fibre: 100.0, cls.yarn: 200.0}, state="active")
        cls.authority = cls.env["sales.price.authority"].create(
            {
                "name": "SCT authority",
                "line_ids": [
                    Command.create({"level": level, "max_discount": band})
                    for level, band in (("specialist", 3), ("supervisor", 5), ("manager", 8))
                ],
            }
        )
        cls.authority.with_user(cls.users["gm"]).action_approve()
        if "credit_grade" in cls.customer._fields:
            # With sales_credit_tier installed, a new customer needs credit approvals of its own;
            # a grade-A customer keeps these tests on price authority.
            cls.customer.write({"credit_grade": "a"})

    @classmethod
    def _make_table(cls, name, prices, state="draft", reasons=None, date_start="2026-01-01"):
        table = cls.env["sales.price.table"].create(
            {
                "name": name,
                "date_start": date_start,
                "line_ids": [
                    Command.create(
                        {"product_id": product.id, "price": price, "change_reason": (reasons or {}).get(product)}
                    )
                    for product, price in prices.items()
                ],
            }
        )
        if state == "active":
            table.write({"state": "approved"})
            table._activate_due()
        return table

    def _order(self, lines, user="specialist", pricelist=None, partner=None):
        """lines: (product, price_unit[, discount[, uom[, qty]]])."""
        vals = {
            "partner_id": (partner or self.customer).id,
            "user_id": self.users[user].id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": rest[2] if len(rest) > 2 else 1,
                        "product_uom": (rest[1] if len(rest) > 1 else product.uom_id).id,
                        "price_unit": price,
                        "discount": rest[0] if rest else 0.0,
                    }
                )
                for product, price, *rest in lines
            ],
        }
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        return self.env["sale.order"].create(vals)

    def _validate(self, record, role):
        """An approver approves through the button, giving an opinion (comment)."""
        action = record.with_user(self.users[role]).validate_tier()
        if action:
            self.env["comment.wizard"].with_user(self.users[role]).with_context(**action["context"]).create(
                {"comment": "Agreed"}
            ).add_comment()
        record.invalidate_recordset()

    def _confirm(self, order, role="gm"):
        """Confirm as a role that passes every approval tier of the order."""
        order.with_user(self.users[role]).action_confirm()

    @staticmethod
    def dt(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M")
