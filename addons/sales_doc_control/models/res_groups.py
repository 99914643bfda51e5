# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .res_users import GATE_GUARD_GROUP


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        self._sales_check_gate_guards()
        return groups

    def write(self, vals):
        res = super().write(vals)
        if {"users", "implied_ids"}.intersection(vals):
            self._sales_check_gate_guards()
        return res

    @api.model
    def _sales_check_gate_guards(self):
        """DC-1/DG-7: the guard-only rule of ``res.users`` also holds when roles are given from the
        group's side (its users, or the groups it implies, which Odoo adds to its users in SQL)."""
        guard = self.env.ref(GATE_GUARD_GROUP, raise_if_not_found=False)
        if guard:
            self.env["res.users"].invalidate_model(["groups_id"])
            guard.invalidate_recordset(["users"])
            guard.with_context(active_test=False).users._check_sales_gate_guard_only()
