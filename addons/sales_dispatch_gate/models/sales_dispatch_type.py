# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

APPROVAL_ROUTES = [
    ("credit", "By Credit Check"),
    ("manager", "Sales Manager"),
    ("gm", "General Manager"),
    ("phone", "Sales Manager by Phone"),
]


class SalesDispatchType(models.Model):
    """DG-1/DG-3: a dispatch type (发货类型) with its evidence, approvers and deadlines.

    The approvers themselves are tier definitions (data, linked to the authority matrix) whose
    domains read the route a notice takes; this record says which route its notices take and
    what they must carry, so that a company changes its policy here, not in code.
    """

    _name = "sales.dispatch.type"
    _description = "Dispatch Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key used by reports and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    approval_route = fields.Selection(
        APPROVAL_ROUTES,
        required=True,
        default="credit",
        help="By credit check: within the limit the sales manager approves, over the limit (or a new customer "
        "above the threshold) the general manager. The other routes always go to the same approver.",
    )
    authority_matter_id = fields.Many2one(
        "sales.authority.matter",
        help="The row of the authority matrix that governs the approval of these notices.",
    )
    credit_limit_applies = fields.Boolean(
        default=True,
        help="Finance checks the exposure against the customer's credit limit. Cash on delivery sets no limit.",
    )
    new_customer = fields.Boolean(
        string="For New Customers",
        help="For customers without a credit grade: the cumulative exposure decides the approver.",
    )
    payment_proof_required = fields.Boolean(
        help="A payment proof (attachment or registered payment) is required and finance confirms the receipt "
        "before approval (cash before delivery).",
    )
    lead_days = fields.Integer(
        string="Notice Lead Time (Days)",
        default=3,
        help="The notice is drafted at least this many days before the planned shipping date; a later notice "
        "is flagged. Zero: no lead time (emergency).",
    )
    phone_approval = fields.Boolean(
        help="Emergency: the sales manager approves by phone; who and when are recorded and the goods may leave "
        "before the paperwork is complete.",
    )
    paperwork_days = fields.Integer(
        string="Paperwork Due (Working Days)",
        default=1,
        help="Emergency: working days after the shipment within which the complete notice must be approved.",
    )

    _sql_constraints = [("code_unique", "unique(code)", "The code of a dispatch type must be unique.")]
