# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sale_order import CONFIDENTIAL_READER_GROUPS

# DC-9: the roles that read confidential orders whoever sells them (see sale.order's confidentiality rule).
CONFIDENTIAL_GROUPS = (*CONFIDENTIAL_READER_GROUPS, "sales_doc_control.group_sales_general_manager")
GATE_GUARD_GROUP = "sales_doc_control.group_sales_gate_guard"
# DC-1/DG-7: what a gate guard's account may not hold besides the guard role: every other role of
# the suite, and Odoo's roles that touch sales, stock, invoices or grant access rights (a guard who
# validates a delivery, or gives himself that right, would release his own gate pass).
GATE_GUARD_EXCLUDED_GROUPS = (
    "sales_doc_control.group_sales_specialist",
    "sales_doc_control.group_sales_supervisor",
    "sales_doc_control.group_sales_manager",
    "sales_doc_control.group_sales_general_manager",
    "sales_doc_control.group_sales_assistant",
    "sales_doc_control.group_sales_finance_reviewer",
    "sales_doc_control.group_sales_legal_reviewer",
    "sales_doc_control.group_sales_quality_inspector",
    "sales_doc_control.group_sales_warehouse_keeper",
    "sales_doc_control.group_sales_archivist",
    "sales_doc_control.group_sales_price_committee",
    "sales_team.group_sale_salesman",
    "stock.group_stock_user",
    "account.group_account_invoice",
    "base.group_erp_manager",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    sales_nda_date = fields.Date(
        string="Confidentiality Agreement Signed",
        help="Date the user signed the confidentiality agreement.",
    )
    sales_confidentiality_training_date = fields.Date(
        string="Last Confidentiality Training",
    )
    sales_superior_id = fields.Many2one(
        "res.users",
        string="Superior",
        help="Told when this user's approvals pass their deadline.",
    )
    sales_delegate_id = fields.Many2one(
        "res.users",
        string="Delegate Approvals To",
        help="During the absence below, this colleague may decide the approvals waiting for this user.",
    )
    sales_delegate_from = fields.Date(string="Absent From")
    sales_delegate_to = fields.Date(string="Absent Until")
    sales_confidential_access = fields.Boolean(
        string="Access to Confidential Documents",
        compute="_compute_sales_confidential_access",
        search="_search_sales_confidential_access",
        help="The user can read confidential or secret sales documents.",
    )

    def _sales_confidential_user_ids(self):
        """DC-9: users who read confidential documents: the roles that read every confidential order,
        owners of confidential documents, whoever decided an approval step of a confidential order
        and the named managers of secret ones (one query per source)."""
        groups = self.env["res.groups"].browse([self.env.ref(x).id for x in CONFIDENTIAL_GROUPS])
        ids = set(groups.sudo().users.ids)
        documents = self.env["sales.document"].sudo()
        owners = documents._read_group(
            [("confidentiality", "in", ("confidential", "secret"))], ["user_id"], ["__count"]
        )
        ids.update(user.id for user, _count in owners if user)
        named = documents.search([("confidentiality", "=", "secret")]).secret_user_ids
        ids.update(named.ids)
        orders = documents.search([("res_model", "=", "sale.order"), ("confidentiality", "=", "confidential")])
        reviews = (
            self.env["tier.review"]
            .sudo()
            ._read_group(
                [("model", "=", "sale.order"), ("res_id", "in", orders.mapped("res_id")), ("done_by", "!=", False)],
                ["done_by"],
                ["__count"],
            )
        )
        ids.update(user.id for user, _count in reviews)
        return ids

    def _compute_sales_confidential_access(self):
        allowed = self._sales_confidential_user_ids()
        for user in self:
            user.sales_confidential_access = user.id in allowed

    @api.model
    def _search_sales_confidential_access(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", list(self._sales_confidential_user_ids()))]

    @api.constrains("groups_id")
    def _check_sales_gate_guard_only(self):
        """DC-1/DG-7 (X-5): a gate guard sees gate passes and nothing else, so a guard's account holds
        no other role: the person who releases goods at the gate is never the one who validates the
        delivery or approves its dispatch."""
        guard = self.env.ref(GATE_GUARD_GROUP, raise_if_not_found=False)
        if not guard:
            return
        # Odoo's groups of modules not installed (stock, say) are left out.
        excluded = self.env["res.groups"].browse(
            group.id for xmlid in GATE_GUARD_EXCLUDED_GROUPS if (group := self.env.ref(xmlid, raise_if_not_found=False))
        )
        for user in self.filtered(lambda u: guard in u.groups_id):
            others = user.groups_id & excluded
            if others:
                raise ValidationError(
                    self.env._(
                        "User %(user)s cannot be a gate guard and hold the role “%(role)s” as well: a gate guard's "
                        "account is for the gate only and holds no other role. Remove one of the two roles, or "
                        "give the other duty a separate account.",
                        user=user.name,
                        role=others[0].full_name,
                    )
                )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # Users announce their own absence and delegate.
        return super().SELF_WRITEABLE_FIELDS + ["sales_delegate_id", "sales_delegate_from", "sales_delegate_to"]

    def _sales_active_delegates(self):
        """DC-11: the colleagues standing in today for these users."""
        today = fields.Date.context_today(self)
        return self.filtered(
            lambda u: u.sales_delegate_id
            and (not u.sales_delegate_from or u.sales_delegate_from <= today)
            and (not u.sales_delegate_to or today <= u.sales_delegate_to)
        ).sales_delegate_id

    def write(self, vals):
        res = super().write(vals)
        if {"sales_delegate_id", "sales_delegate_from", "sales_delegate_to"}.intersection(vals):
            reviews = self.env["tier.review"].sudo().search([("status", "in", ("waiting", "pending"))])
            reviews._sales_refresh_reviewers()
        return res
