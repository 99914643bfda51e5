# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The suite knows one department by its roles: sales staff, whose heads are the sales supervisors.
SALES_STAFF_GROUPS = ("sales_doc_control.group_sales_specialist", "sales_doc_control.group_sales_assistant")


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sales_department_heads(self):
        """AL-5/AL-6: who approves this user's access requests and lendings as department head:
        the user's superior (sales_superior_id), or, without one, the supervisors of the user's
        department. Only the sales department is known to the suite; for other staff the superior
        must be set. Never the user themself."""
        self.ensure_one()
        # Group membership and superiors are read whoever files the request.
        user = self.sudo()
        if user.sales_superior_id and user.sales_superior_id != user:
            return user.sales_superior_id
        if any(user.has_group(group) for group in SALES_STAFF_GROUPS):
            supervisors = self.env.ref("sales_doc_control.group_sales_supervisor").sudo().users
            return supervisors.filtered(lambda u: u.active and not u.share) - user
        return self.browse()
