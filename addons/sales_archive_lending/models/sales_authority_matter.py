# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesAuthorityMatter(models.Model):
    _inherit = "sales.authority.matter"

    # The archive's approvals (access requests) are a matter of their own, outside the six areas of the
    # sales authority matrix.
    area = fields.Selection(selection_add=[("archive", "Sales Archive")], ondelete={"archive": "cascade"})
