# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-5/X-6: fields that only the workflow sets (status, approver, links it creates), for every
suite module.

``readonly=True`` only guides the web client; an RPC ``write`` or ``create`` could
still set them and skip an approval. The workflow methods check the role and the
step, then write these fields through ``sudo()``; anybody else is refused.
"""

from odoo.exceptions import UserError


def check_workflow_write(records, vals, field_names):
    """Refuse a direct change of the workflow fields ``field_names`` of ``records``."""
    if records.env.su:
        return
    touched = sorted(set(vals) & set(field_names))
    if touched:
        _raise(records, touched, records[:1].display_name)


def check_workflow_create(model, vals_list, field_names):
    """Refuse a new record created with a workflow field other than its default (e.g. born approved)."""
    if model.env.su:
        return
    for vals in vals_list:
        touched = sorted(
            name
            for name in set(vals) & set(field_names)
            if vals[name]
            and vals[name] != (model._fields[name].default(model) if model._fields[name].default else False)
        )
        if touched:
            _raise(model, touched, vals.get("name") or model._description)


def _raise(records, touched, record_name):
    env = records.env
    raise UserError(
        env._(
            "%(record)s: %(fields)s can only be set by its workflow. Use the buttons of the form "
            "(submit, approve, confirm, cancel) as the role the step belongs to.",
            record=record_name,
            fields=", ".join(records._fields[name]._description_string(env) for name in touched),
        )
    )
