# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_quotation_approval = fields.Selection(
        selection=[
            ("all", "Every quotation"),
            ("amount", "Quotations above an amount"),
            ("price", "Only when a price is outside the salesperson's authority"),
        ],
        string="Quotations Needing Approval",
        default="all",
        required=True,
        help="Which quotations the supervisor and the sales manager approve before they are sent.",
    )
    sales_quotation_approval_amount = fields.Monetary(
        string="Quotation Approval Amount",
        currency_field="currency_id",
        help="Quotations whose total (in company currency) is above this amount need approval.",
    )
    sales_gm_approval_amount = fields.Monetary(
        string="General Manager Contract Amount",
        currency_field="currency_id",
        default=100000.0,
        help="Contracts whose total (in company currency) exceeds this amount are approved by the " "general manager.",
    )
    sales_legal_review = fields.Selection(
        selection=[
            ("flagged", "Contracts marked non-standard"),
            ("amount", "Non-standard contracts and contracts above an amount"),
            ("always", "Every contract"),
        ],
        string="Legal Review",
        default="flagged",
        required=True,
        help="Which contracts the legal reviewer reviews before confirmation.",
    )
    sales_legal_review_amount = fields.Monetary(
        string="Legal Review Amount",
        currency_field="currency_id",
        help="Contracts whose total (in company currency) is above this amount are reviewed by legal.",
    )
    sales_contract_quality_clause = fields.Text(
        string="Quality Standard Clause",
        translate=True,
        default=lambda self: self.env._(
            "The goods conform to the national standard of the product, or to the technical standard agreed in "
            "writing by both parties. The buyer inspects the goods on arrival and raises any quality objection in "
            "writing within 15 days of receipt."
        ),
        help="Printed as the quality standard clause of the sales contract.",
    )
    sales_contract_liability_clause = fields.Text(
        string="Liability for Breach Clause",
        translate=True,
        default=lambda self: self.env._(
            "A party that fails to perform this contract compensates the other party for the losses caused. Late "
            "delivery or late payment bears a penalty of 0.05% of the amount concerned per day of delay. Disputes "
            "are settled by negotiation, failing which by the people's court where the seller is located."
        ),
        help="Printed as the liability for breach clause of the sales contract.",
    )
    sales_deposit_percent = fields.Float(
        string="Deposit for Non-Regular Orders (%)",
        default=30.0,
        help="Share of the total a non-regular-product order must have received before confirmation. "
        "Custom-made products always require the full amount.",
    )
    sales_intake_checklist_required = fields.Boolean(
        string="Intake Checklist Required",
        help="Orders are confirmed only once their intake checklist is complete.",
    )
