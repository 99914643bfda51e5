# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.sales_doc_control.workflow import check_workflow_create, check_workflow_write

MANAGER_GROUP = "sales_doc_control.group_sales_manager"
GM_GROUP = "sales_doc_control.group_sales_general_manager"
# Set by the submit/approve/activate steps and by adjustments only.
WORKFLOW_FIELDS = ("state", "approved_by_id", "previous_id", "activated_date", "adjustment_id")


class SalesPriceTable(models.Model):
    """PC-1: a version of the base price table (基准价格表).

    One active version per company; activating a version supersedes the previous
    one in the same transaction; superseded versions stay readable and unchanged.
    """

    _name = "sales.price.table"
    _description = "Base Price Table"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Version", required=True, tracking=True)
    date_start = fields.Date(
        string="Effective Date", required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("to_approve", "Under Approval"),
            ("approved", "Approved"),
            ("active", "Active"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("sales.price.table.line", "table_id", string="Base Prices", copy=True)
    line_count = fields.Integer(compute="_compute_line_count", string="Products")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    previous_id = fields.Many2one(
        "sales.price.table",
        string="Previous Version",
        copy=False,
        readonly=True,
        help="The version this one superseded.",
    )
    adjustment_id = fields.Many2one(
        "sales.price.adjustment", string="From Adjustment", readonly=True, copy=False, tracking=True
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Feeds Pricelist",
        help="When this version becomes active, the fixed prices of this pricelist are replaced by "
        "its base prices, so new order lines start from the base price. Use a pricelist dedicated to it.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    activated_date = fields.Datetime(string="Activated On", readonly=True, copy=False)
    note = fields.Text()

    def init(self):
        # at most one active version per company, enforced by the database so that
        # two activations running at once cannot both succeed.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sales_price_table_one_active "
            "ON sales_price_table (company_id) WHERE state = 'active'"
        )

    def _compute_line_count(self):
        counts = dict(
            self.env["sales.price.table.line"]._read_group([("table_id", "in", self.ids)], ["table_id"], ["__count"])
        )
        for table in self:
            table.line_count = counts.get(table, 0)

    def _check_editable(self):
        """X-6: only drafts may change; approved and superseded versions are kept as they were."""
        if self.env.su:
            return
        locked = self.filtered(lambda table: table.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "Base price table %(table)s is no longer a draft and is kept unchanged. "
                    "Duplicate it or propose a base price adjustment to change prices.",
                    table=locked[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, WORKFLOW_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, WORKFLOW_FIELDS)
        if set(vals) - {"note", "pricelist_id", "message_main_attachment_id"}:
            self._check_editable()
        return super().write(vals)

    def unlink(self):
        # Checked before mail.thread's unlink, which deletes the chatter first.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._check_editable()
        return super().unlink()

    def _check_group(self, group_xmlid, role_label):
        if not self.env.user.has_group(group_xmlid):
            raise AccessError(
                self.env._(
                    "Only the %(role)s may do this on base price table %(table)s. Ask them to do it.",
                    role=role_label,
                    table=", ".join(self.mapped("display_name")),
                )
            )

    def _check_state(self, state):
        for table in self:
            if table.state != state:
                raise UserError(
                    self.env._(
                        "Base price table %(table)s is %(state)s; this step is not possible now.",
                        table=table.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[table.state],
                    )
                )

    def action_submit(self):
        """PC-1: the sales manager submits a draft version to the general manager."""
        self._check_group(MANAGER_GROUP, self.env._("sales manager"))
        self._check_state("draft")
        for table in self:
            if not table.line_ids:
                raise UserError(
                    self.env._(
                        "Base price table %(table)s has no price. Add its products first.", table=table.display_name
                    )
                )
        # sudo: the workflow moves a version the manager may not edit any more.
        self.sudo().write({"state": "to_approve"})

    def action_reset_draft(self):
        self._check_group(MANAGER_GROUP, self.env._("sales manager"))
        self._check_state("to_approve")
        self.sudo().write({"state": "draft"})

    def action_approve(self):
        """PC-1: the general manager approves; the version becomes active on its effective date."""
        self._check_group(GM_GROUP, self.env._("general manager"))
        self._check_state("to_approve")
        self.sudo().write({"state": "approved", "approved_by_id": self.env.user.id})
        self._activate_due()

    @api.model
    def _get_active_table(self, company):
        return self.search([("company_id", "=", company.id), ("state", "=", "active")], limit=1)

    @api.model
    def _cron_activate_due_tables(self):
        """PC-1: activate approved versions whose effective date has come (idempotent)."""
        self.search([("state", "=", "approved")])._activate_due()

    def _activate_due(self, today=None):
        """PC-1: per company, the latest approved version already effective becomes the only active one."""
        today = today or fields.Date.context_today(self)
        due = self.filtered(lambda table: table.state == "approved" and table.date_start <= today)
        for company in due.company_id:
            candidates = self.sudo().search(
                [("company_id", "=", company.id), ("state", "=", "approved"), ("date_start", "<=", today)],
                order="date_start desc, id desc",
            )
            newest = candidates[:1]
            current = self.sudo().search([("company_id", "=", company.id), ("state", "=", "active")])
            # sudo: activation is a system step (also run by the scheduler) on locked versions.
            (current | candidates[1:]).write({"state": "superseded"})
            # The one-active index is checked per statement: supersede before activating.
            (current | candidates[1:]).flush_recordset(["state"])
            newest.write({"state": "active", "previous_id": current[:1].id, "activated_date": fields.Datetime.now()})
            newest._feed_pricelist()

    def _feed_pricelist(self):
        """PC-1: replace the fixed prices of the fed pricelist by this version's base prices."""
        for table in self.filtered("pricelist_id"):
            pricelist = table.pricelist_id
            items = [
                Command.create(
                    {
                        "applied_on": "0_product_variant",
                        "product_tmpl_id": line.product_id.product_tmpl_id.id,
                        "product_id": line.product_id.id,
                        "compute_price": "fixed",
                        "fixed_price": line._price_in(
                            line.product_id.uom_id, pricelist.currency_id, table.company_id, table.date_start
                        ),
                    }
                )
                for line in table.line_ids
            ]
            pricelist.write({"item_ids": [Command.clear(), *items]})

    def _compare_with(self, older):
        """PC-1: every change from ``older`` to this version: product, old/new price, %, reason.

        Prices are compared per unit of the newer line (the older price is converted).
        """
        self.ensure_one()
        old_lines = {line.product_id: line for line in older.line_ids}
        new_lines = {line.product_id: line for line in self.line_ids}
        changes = []
        for product in sorted(set(old_lines) | set(new_lines), key=lambda p: p.display_name):
            old, new = old_lines.get(product), new_lines.get(product)
            uom = (new or old).uom_id
            old_price = old.uom_id._compute_price(old.price, uom) if old else 0.0
            new_price = new.price if new else 0.0
            if old and new and self.currency_id.is_zero(new_price - old_price):
                continue
            changes.append(
                {
                    "product_id": product.id,
                    "uom_id": uom.id,
                    "change_type": "changed" if old and new else ("added" if new else "removed"),
                    "old_price": old_price,
                    "new_price": new_price,
                    "change_percent": (new_price - old_price) / old_price * 100 if old and new and old_price else 0.0,
                    "reason": new.change_reason if new else False,
                }
            )
        return changes

    def action_compare(self):
        """PC-1: open the comparison with the previous version (or the other selected one)."""
        if len(self) == 1 and not self.previous_id:
            raise UserError(
                self.env._(
                    "Base price table %(table)s has no previous version. Select two versions in the list to "
                    "compare them.",
                    table=self.display_name,
                )
            )
        wizard = self.env["sales.price.table.compare"].create(
            {
                "new_table_id": self[:1].id if len(self) < 2 else max(self, key=lambda t: (t.date_start, t.id)).id,
                "old_table_id": (
                    self.previous_id.id if len(self) < 2 else min(self, key=lambda t: (t.date_start, t.id)).id
                ),
            }
        )
        wizard.action_compare()
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
