# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields

from odoo.addons.sales_credit_tier.tests.common import CreditCase


class DispatchCase(CreditCase):
    """Stock, confirmed orders and dispatch notices walked through their workflow by the roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.dispatch_control = True
        # The orders' own credit approvals (sales_credit_tier) are another matter: orders are confirmed
        # by a general manager in these tests; dispatch notices are the subject.
        cls.env["tier.definition"].search([("model", "=", "sale.order")]).active = False
        cls.types = {
            code: cls.env.ref(f"sales_dispatch_gate.dispatch_type_{code}")
            for code in ("regular", "cash_before", "cash_on_delivery", "new_customer", "emergency")
        }
        cls.yarn = cls.env["product.product"].create(
            {
                "name": "Nylon FDY 70D",
                "type": "consu",
                "is_storable": True,
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "delivery",
            }
        )
        cls.put_in_stock(cls.yarn, 1000.0)
        cls.carrier = cls.env["res.partner"].create({"name": "Yiwu Express Logistics", "is_company": True})

    @classmethod
    def confirmed_order(cls, partner, qty=10.0, price=100.0, product=None):
        """A confirmed order of stock goods."""
        order = cls.make_order(partner, qty=qty, price=price, product=product or cls.yarn)
        order.credit_overdue_reason = "Confirmed for the dispatch tests."
        order.with_user(cls.users["gm"]).action_confirm()
        return order

    @classmethod
    def make_notice(cls, order, type_code="regular", user=None, days_ahead=5, **values):
        vals = {
            "order_id": order.id,
            "type_id": cls.types[type_code].id,
            "planned_date": fields.Date.add(cls.today, days=days_ahead),
            "carrier_id": cls.carrier.id,
            "vehicle_plate": "浙G·12345",
            "driver_name": "Wang Wei",
        }
        vals.update(values)
        return cls.env["sales.dispatch.notice"].with_user(user or cls.users["specialist"]).create(vals)

    def review(self, notice):
        """Specialist submits, finance reviews."""
        notice.with_user(self.users["specialist"]).action_submit()
        notice.with_user(self.users["finance"]).action_finance_review()
        return notice

    def approve(self, notice, role):
        """Request the approvals as the specialist, then approve every pending tier as ``role``."""
        notice.with_user(self.users["specialist"]).request_validation()
        notice.invalidate_recordset()
        notice.with_user(self.users[role]).validate_tier()
        return notice

    def approved_notice(self, order, role="manager", **values):
        notice = self.make_notice(order, **values)
        self.review(notice)
        return self.approve(notice, role)
