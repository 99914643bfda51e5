# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import split_every

from .sales_document_type import CONFIDENTIALITY


class SalesDocumentMixin(models.AbstractModel):
    """DC-8: registers the records of a model in ``sales.document``.

    A model inherits it and implements ``_sales_document_type_code()`` (False when
    the record is not a sales document) and, if needed, ``_sales_document_values()``.
    Registration is set-based: one search and at most one create per batch.
    """

    _name = "sales.document.mixin"
    _description = "Sales Document Register Mixin"

    # Writing any of these fields refreshes the register row.
    _sales_document_fields = ("name", "partner_id", "user_id", "state", "company_id")

    sales_confidentiality = fields.Selection(
        CONFIDENTIALITY, string="Confidentiality", compute="_compute_sales_document_id"
    )
    sales_document_id = fields.Many2one("sales.document", compute="_compute_sales_document_id", string="Register Entry")

    def _compute_sales_document_id(self):
        documents = self._sales_documents()
        by_id = {doc.res_id: doc for doc in documents}
        for record in self:
            document = by_id.get(record.id, self.env["sales.document"])
            record.sales_document_id = document
            record.sales_confidentiality = document.confidentiality

    def _sales_document_type_code(self):
        return False

    def _sales_document_values(self):
        self.ensure_one()
        # The document's own day: when it was created (a record registered at install keeps its day).
        created = self.create_date if "create_date" in self._fields else False
        values = {"name": self.display_name, "date": fields.Date.context_today(self, created or None)}
        if "partner_id" in self._fields:
            values["partner_id"] = self.partner_id.commercial_partner_id.id
        if "user_id" in self._fields:
            values["user_id"] = self.user_id.id
        if "company_id" in self._fields and self.company_id:
            values["company_id"] = self.company_id.id
        if "state" in self._fields and self.state:
            values["state_key"] = self.state
        return values

    def _sales_retention_trigger_dates(self):
        """``{record id: {trigger: date}}``: the events of each record that start the retention of its
        document (codes of sales_archive_lending's retention triggers, e.g. ``shipped``). A model
        fills in the events it knows; an event that has not happened yet is absent."""
        return {}

    def _sales_documents(self):
        # The register is written by the system on behalf of whoever changed the record; reading
        # it here must not depend on the confidentiality rules that apply to the user.
        return (
            self.env["sales.document"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )

    def _sales_register_documents(self):
        """DC-8: create or refresh the register rows of these records; returns their rows (sudo)."""
        records = self.filtered("id")
        documents = self.env["sales.document"].sudo()
        if not records:
            return documents
        documents = records._sales_documents()
        existing = {doc.res_id: doc for doc in documents}
        types = self.env["sales.document.type"]._sales_types_by_code()
        to_create = []
        for record in records:
            type_id, confidentiality = types.get(record._sales_document_type_code(), (False, False))
            if not type_id:
                continue
            values = dict(record._sales_document_values(), type_id=type_id)
            document = existing.get(record.id)
            if document:
                values.pop("date", None)
                if document.type_id.id != type_id and document.confidentiality == document.type_id.confidentiality:
                    values["confidentiality"] = confidentiality
                document._sales_write_changes(values)
            else:
                to_create.append(
                    dict(values, res_model=record._name, res_id=record.id, confidentiality=confidentiality)
                )
        if to_create:
            # Rows are created by the system (sudo: the register is not the user's to write); no creation
            # message nor followers, which would cost every validation and confirmation for nothing.
            created = self.env["sales.document"].sudo().with_context(tracking_disable=True).create(to_create)
            documents |= created.with_env(documents.env)
        return documents

    @api.model
    def _sales_existing_documents_domain(self):
        """DC-8: the records of this model that may be sales documents, for ``_sales_register_existing``."""
        return []

    @api.model
    def _sales_register_existing(self, batch_size=1000):
        """DC-8: register the records that were sales documents before the module came (a company already
        running Odoo installs it): called by the install, set-based per batch, idempotent."""
        records = self.sudo().with_context(active_test=False)
        ids = records.search(self._sales_existing_documents_domain(), order="id").ids
        for batch in split_every(batch_size, ids, records.browse):
            batch._sales_register_documents()
            # Thousands of orders or invoices: keep the memory of one batch only.
            self.env.invalidate_all()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sales_register_documents()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(self._sales_document_fields).intersection(vals):
            self._sales_register_documents()
        return res

    def unlink(self):
        # The register keeps the row of a deleted record; sales_archive_lending refuses
        # the deletion of records whose documents are still retained.
        documents = self._sales_documents()
        res = super().unlink()
        documents.write({"record_deleted": True})
        return res
