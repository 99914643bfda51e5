# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SalesAuthorityMatter(models.Model):
    """DC-2: one row of the sales authority matrix (销售权限表).

    Each role column is a set of groups so that an administrator reads, in
    one place, who initiates, handles, reviews and decides a matter, and
    which tier definitions enforce it.
    """

    _name = "sales.authority.matter"
    _description = "Sales Authority Matter"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(string="Matter", required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        help="Technical key other modules use to find this matter.",
    )
    sequence = fields.Integer(default=10)
    area = fields.Selection(
        selection=[
            ("marketing", "Marketing Planning"),
            ("customer", "Customer Relations"),
            ("pricing", "Price Management"),
            ("contract", "Sales Contract Review"),
            ("dispatch", "Dispatch Management"),
            ("complaint", "Customer Complaints"),
        ],
        required=True,
        tracking=True,
    )
    initiator_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_initiator_rel",
        string="Initiators",
        tracking=True,
    )
    initiated_by_customer = fields.Boolean(
        help="The matter starts with a request of the customer (for example a contract).",
        tracking=True,
    )
    handler_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_handler_rel",
        string="Handlers",
        tracking=True,
    )
    department_reviewer_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_dept_reviewer_rel",
        string="Department Reviewers",
        tracking=True,
    )
    related_reviewer_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_related_reviewer_rel",
        string="Related-Department Reviewers",
        tracking=True,
    )
    participant_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_participant_rel",
        string="Participants",
        tracking=True,
    )
    participants_note = fields.Char(
        translate=True,
        help="Participants that are not a role of the suite, e.g. the managers of related departments.",
        tracking=True,
    )
    approver_group_ids = fields.Many2many(
        "res.groups",
        "sales_authority_matter_approver_rel",
        string="Approvers",
        help="The decision makers of the matter.",
        tracking=True,
    )
    remarks = fields.Text(translate=True, tracking=True)
    tier_definition_ids = fields.One2many(
        "tier.definition",
        "authority_matter_id",
        string="Enforced by",
        help="Approval tiers that put this matter into practice.",
    )
    tier_definition_count = fields.Integer(compute="_compute_tier_definition_count")
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty for a matter that applies to every company.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Each matter code may appear only once per company in the authority matrix.",
        ),
    ]

    @api.depends("tier_definition_ids")
    def _compute_tier_definition_count(self):
        counts = {
            matter.id: count
            for matter, count in self.env["tier.definition"]._read_group(
                [("authority_matter_id", "in", self.ids)],
                ["authority_matter_id"],
                ["__count"],
            )
        }
        for matter in self:
            matter.tier_definition_count = counts.get(matter.id, 0)

    @api.model
    def _get_matter(self, code, company=None):
        """Return the matter with this code for the company (or shared)."""
        company = company or self.env.company
        return self.search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )

    def action_view_tier_definitions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base_tier_validation.tier_definition_action")
        action["domain"] = [("authority_matter_id", "=", self.id)]
        action["context"] = {"default_authority_matter_id": self.id}
        return action
