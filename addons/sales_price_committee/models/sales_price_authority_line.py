# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

AUTHORITY_LEVELS = [
    ("specialist", "Sales Specialist"),
    ("supervisor", "Sales Supervisor"),
    ("manager", "Sales Manager"),
    ("gm", "General Manager"),
]
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(AUTHORITY_LEVELS, start=1)}
LEVEL_GROUPS = {
    "specialist": "sales_doc_control.group_sales_specialist",
    "supervisor": "sales_doc_control.group_sales_supervisor",
    "manager": "sales_doc_control.group_sales_manager",
    "gm": "sales_doc_control.group_sales_general_manager",
}


def level_of_rank(rank):
    """The authority level with this rank (0 = no level)."""
    return AUTHORITY_LEVELS[rank - 1][0] if rank else False


def user_authority_rank(user):
    """PC-2: the highest level of the sales line of command the user holds (0 = none)."""
    if not user:
        return 0
    return max((LEVEL_RANK[level] for level, group in LEVEL_GROUPS.items() if user.has_group(group)), default=0)


class SalesPriceAuthorityLine(models.Model):
    """PC-2: how far below the base price one role may go alone."""

    _name = "sales.price.authority.line"
    _description = "Price Authority Band"
    _order = "authority_id, product_categ_id, max_discount"

    authority_id = fields.Many2one("sales.price.authority", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="authority_id.company_id", store=True)
    level = fields.Selection(
        selection=[item for item in AUTHORITY_LEVELS if item[0] != "gm"],
        required=True,
        help="The role that may decide prices in this band alone. Beyond every band the general manager decides.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        help="Leave empty for the band that applies to every category without a band of its own.",
    )
    max_discount = fields.Float(
        string="Maximum Below Base (%)",
        digits=(5, 2),
        required=True,
        help="How many percent below the base price this role may quote alone, e.g. 3 for -3 %.",
    )

    _sql_constraints = [
        (
            "level_categ_uniq",
            "unique(authority_id, level, product_categ_id)",
            "Each role may have only one band per product category in a price authority table.",
        ),
    ]

    @api.constrains("max_discount")
    def _check_max_discount(self):
        for line in self:
            if not 0 <= line.max_discount <= 100:
                raise ValidationError(
                    self.env._(
                        "Price authority table %(table)s: a band must lie between 0 %% and 100 %% below "
                        "the base price. Correct the band of %(level)s.",
                        table=line.authority_id.display_name,
                        level=dict(self._fields["level"]._description_selection(self.env))[line.level],
                    )
                )
