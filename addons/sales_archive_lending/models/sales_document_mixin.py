# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class SalesDocumentMixin(models.AbstractModel):
    """AL-1/AL-2/AL-5 for every registered model at once: trigger dates, the deletion guard and the
    access window of approved access requests."""

    _inherit = "sales.document.mixin"

    # Writing any of these fields moves the retention trigger of the record's document.
    _sales_retention_trigger_fields = ()

    # AL-5: the current user reads this record through an approved access request whose window is open
    # now. A technical field of the record rules, shown in no view: its label is not exported, so that
    # the modules whose models inherit the mixin (credit applications, dispatch notices...) do not get
    # this module's terms in their own translation templates.
    sales_access_window_open = fields.Boolean(
        string="Readable Through My Access Request",
        compute="_compute_sales_access_window_open",
        search="_search_sales_access_window_open",
        export_string_translation=False,
    )

    @api.depends_context("uid")
    def _compute_sales_access_window_open(self):
        # Asked about the current user's own requests, for records the user may not read yet.
        ids = [record_id for record_id in self._origin.ids if record_id]
        readable = self.sudo().search([("id", "in", ids), ("sales_access_window_open", "=", True)])
        for record in self:
            record.sales_access_window_open = record._origin.id in readable.ids

    @api.model
    def _search_sales_access_window_open(self, operator, value):
        """AL-5: the records of this model behind the register rows the user reads now through an
        access request; record rules of each registered model grant read access with it."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        subquery = SQL(
            "(SELECT res_id FROM sales_document WHERE res_model = %s AND id IN %s)",
            self._name,
            self.env["sales.document"]._sales_open_access_documents_sql(),
        )
        return [("id", "in" if positive else "not in", subquery)]

    def _sales_retention_trigger_dates(self):
        """AL-1: ``{record id: {trigger: date}}`` for the triggers this model knows; a trigger that
        has not happened yet is absent, so the document stays retained. Any record of a customer
        knows when the relationship with that customer ended."""
        dates = super()._sales_retention_trigger_dates()
        if "partner_id" not in self._fields:
            return dates
        for record in self:
            end = record.partner_id.commercial_partner_id.sales_relationship_end
            if end:
                dates.setdefault(record.id, {})["relationship_end"] = end
        return dates

    def _sales_retention_guarded(self):
        """AL-2: the records whose documents the deletion guard protects (all by default)."""
        return self

    def _sales_register_documents(self):
        documents = super()._sales_register_documents()
        documents._sales_refresh_retention(records_exist=True)
        return documents

    def write(self, vals):
        res = super().write(vals)
        if set(self._sales_retention_trigger_fields).intersection(vals):
            self._sales_documents()._sales_refresh_retention()
        return res

    def unlink(self):
        """AL-2: a record whose document is under retention cannot be deleted, not even by an
        administrator or through sudo(); only a module uninstall removes it. Registered models
        with mail.thread check again in their own unlink, which runs before mail.thread's."""
        self._sales_check_retention_before_unlink()
        return super().unlink()

    def _sales_check_retention_before_unlink(self):
        """AL-2: the deletion guard, unless the server is uninstalling modules (checked on the
        caller's environment: the documents are read with sudo())."""
        if not self.env["sales.document"]._sales_module_uninstalling():
            self._sales_retention_guarded()._sales_documents()._sales_check_deletable(self._name)
