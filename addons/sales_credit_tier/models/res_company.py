# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """CT-2/CT-4/CT-7/CT-9: the credit policy of each company."""

    _inherit = "res.company"

    credit_b_requires_limit = fields.Boolean(
        string="Grade B Needs a Limit",
        default=True,
        help="Orders of grade B customers beyond their credit limit need the general manager's approval.",
    )
    credit_c_cash_only = fields.Boolean(
        string="Grade C Cash Only",
        default=True,
        help="Grade C customers may only buy with an immediate (cash in advance or cash on delivery) payment term.",
    )
    credit_d_blocked = fields.Boolean(
        string="Grade D Blocked",
        default=True,
        help="No order of a grade D customer is confirmed until the outstanding balance is cleared.",
    )
    credit_new_customer_amount = fields.Monetary(
        string="New Customer Manager Threshold",
        default=100000.0,
        currency_field="currency_id",
        help="Ungraded customers: up to this cumulative exposure the sales manager approves, "
        "above it the general manager.",
    )
    credit_increase_tolerance = fields.Float(
        string="Order Increase Tolerance (%)",
        default=5.0,
        help="A confirmed order is checked again only when its amount grows by more than this percentage.",
    )
    credit_c_inactive_months = fields.Integer(
        string="Months Without Transaction for C",
        default=5,
    )
    credit_d_inactive_months = fields.Integer(
        string="Months Without Transaction for D",
        default=6,
    )
    credit_d_overdue_days = fields.Integer(
        string="Overdue Days for D",
        default=180,
        help="Payments overdue beyond this many days downgrade the customer to D.",
    )
    credit_upgrade_months = fields.Integer(
        string="Good Months for Upgrade to A",
        default=6,
    )
    credit_auto_downgrade = fields.Boolean(
        string="Apply Downgrades at Once",
        default=True,
        help="The reclassification applies downgrades immediately (risk first); "
        "otherwise it proposes them as credit applications.",
    )
    credit_priority_supply = fields.Boolean(
        string="Priority Supply for A and B",
        default=True,
        help="Deliveries of grade A and B customers get a higher picking priority.",
    )
