# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SalesLendingExtension(models.Model):
    """AL-6: a request to keep lent files longer, filed before the due date and approved by the
    sales manager, within the number of extensions the lending rule allows."""

    _name = "sales.lending.extension"
    _description = "Lending Extension"
    _inherit = ["mail.thread"]
    _order = "id desc"

    lending_id = fields.Many2one("sales.lending", required=True, ondelete="cascade", index=True)
    reason = fields.Char(required=True)
    state = fields.Selection(
        selection=[("requested", "Requested"), ("approved", "Approved"), ("rejected", "Rejected")],
        string="Status",
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one(related="lending_id.company_id", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        extensions = super().create(vals_list)
        today = fields.Date.context_today(self)
        for extension in extensions:
            lending = extension.lending_id
            if lending.state != "on_loan" or today > lending.due_date:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s: an extension is requested while the files are out and before the due "
                        "date %(date)s. Return the files instead.",
                        ref=lending.name,
                        date=fields.Date.to_string(lending.due_date) if lending.due_date else "",
                    )
                )
            extension._check_extensions_left()
        return extensions

    def _check_extensions_left(self, approving=False):
        """AL-6: a lending is extended at most as often as its rule allows, counted at the request
        and again at the approval (several requests may be pending at once)."""
        for extension in self:
            lending = extension.lending_id
            if lending.extension_count < lending.max_extensions:
                continue
            if approving:
                raise UserError(
                    self.env._(
                        "Lending %(ref)s has already been extended %(count)s time(s), as many as its lending "
                        "rule allows: reject this extension request; the borrower returns the files.",
                        ref=lending.name,
                        count=lending.extension_count,
                    )
                )
            raise UserError(
                self.env._(
                    "Lending %(ref)s has used its %(count)s extension(s): return the files.",
                    ref=lending.name,
                    count=lending.max_extensions,
                )
            )

    def _check_manager(self):
        if not self.env.user.has_group("sales_doc_control.group_sales_manager"):
            raise AccessError(
                self.env._("Extensions of lendings are approved by the sales manager: ask the sales manager.")
            )

    def action_approve(self):
        """AL-6: the due date moves by the rule's extension days."""
        self._check_manager()
        for extension in self.filtered(lambda e: e.state == "requested"):
            extension._check_extensions_left(approving=True)
            lending = extension.lending_id
            if lending.state != "on_loan":
                raise UserError(
                    self.env._(
                        "Lending %(ref)s is not on loan any more: reject the extension request.",
                        ref=lending.name,
                    )
                )
            # The manager decides; the lending's dates are the archive's, not the manager's to edit freely.
            lending.sudo().write(
                {
                    "due_date": lending.due_date + relativedelta(days=lending.extension_days),
                    "extension_count": lending.extension_count + 1,
                    "reminder_stage": 0,
                }
            )
            extension.write({"state": "approved", "decided_by_id": self.env.user.id})

    def action_reject(self):
        self._check_manager()
        self.filtered(lambda e: e.state == "requested").write({"state": "rejected", "decided_by_id": self.env.user.id})
