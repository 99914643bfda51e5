# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SalesDocumentMixin(models.AbstractModel):
    """AL-1/AL-2 for every registered model at once: trigger dates and the deletion guard."""

    _inherit = "sales.document.mixin"

    # Writing any of these fields moves the retention trigger of the record's document.
    _sales_retention_trigger_fields = ()

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
        res = super()._sales_register_documents()
        self._sales_documents()._sales_refresh_retention()
        return res

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
