# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

from .sales_price_authority_line import LEVEL_RANK, level_of_rank

MANAGER_GROUP = "sales_doc_control.group_sales_manager"
GM_GROUP = "sales_doc_control.group_sales_general_manager"
# Set by the general manager's approval only.
WORKFLOW_FIELDS = ("state", "approved_by_id")


class SalesPriceAuthority(models.Model):
    """PC-2: the price authority table (价格权限管理表).

    Drafted by the sales manager, approved by the general manager, revised with the
    base price table every quarter. Approving a version supersedes the previous one.
    """

    _name = "sales.price.authority"
    _description = "Price Authority Table"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(string="Effective Date", required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("active", "Active"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many("sales.price.authority.line", "authority_id", string="Bands", copy=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    note = fields.Text()

    def init(self):
        # one active table per company, enforced by the database for concurrent approvals.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sales_price_authority_one_active "
            "ON sales_price_authority (company_id) WHERE state = 'active'"
        )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if not self.env.su and set(vals) - {"note", "message_main_attachment_id"}:
            self.filtered(lambda table: table.state != "draft")._raise_locked()
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self.filtered(lambda table: table.state != "draft")._raise_locked()
        return super().unlink()

    def _raise_locked(self):
        if self:
            raise UserError(
                self.env._(
                    "Price authority table %(table)s has been approved and is kept unchanged. "
                    "Duplicate it to draft a revision.",
                    table=self[0].display_name,
                )
            )

    def action_approve(self):
        """PC-2: the general manager approves a draft; it replaces the company's active table."""
        if not self.env.user.has_group(GM_GROUP):
            raise AccessError(
                self.env._(
                    "Only the general manager approves price authority table %(table)s. Ask them to approve it.",
                    table=", ".join(self.mapped("display_name")),
                )
            )
        for table in self:
            if table.state != "draft":
                raise UserError(self.env._("Price authority table %(table)s is not a draft.", table=table.display_name))
            if not table.line_ids:
                raise UserError(
                    self.env._(
                        "Price authority table %(table)s has no band. Add the band of each role first.",
                        table=table.display_name,
                    )
                )
            # sudo: approval is a workflow step, the locked-state guard of write() must not block it.
            previous = self._get_active(table.company_id)
            previous.sudo().write({"state": "superseded"})
            # The one-active index is checked per statement: supersede before activating.
            previous.flush_recordset(["state"])
            table.sudo().write({"state": "active", "approved_by_id": self.env.user.id})

    @api.model
    def _get_active(self, company):
        return self.search([("company_id", "=", company.id), ("state", "=", "active")], limit=1)

    def _required_level(self, category, discount):
        """PC-2: the lowest role whose band covers ``discount`` percent below base for ``category``.

        For each role, its band for the product's category (or the nearest parent
        category that has one) wins over its general band; beyond every band the
        general manager decides.
        """
        self.ensure_one()
        if discount <= 0:
            return "specialist"
        chain = []
        categ = category
        while categ:
            chain.append(categ)
            categ = categ.parent_id
        chain.append(self.env["product.category"])
        bands = {}
        for line in self.line_ids:
            if line.product_categ_id in chain:
                depth = chain.index(line.product_categ_id)
                if line.level not in bands or depth < bands[line.level][0]:
                    bands[line.level] = (depth, line.max_discount)
        ranks = [LEVEL_RANK[level] for level, (_depth, band) in bands.items() if band + 1e-9 >= discount]
        return level_of_rank(min(ranks)) if ranks else "gm"
