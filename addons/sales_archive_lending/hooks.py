# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""AL-1: the documents registered before the install get their retention at once, not at the next run of
the retention job."""

from odoo.tools import split_every


def post_init_hook(env):
    documents = env["sales.document"].sudo().with_context(active_test=False)
    ids = documents.search([("record_deleted", "=", False)], order="id").ids
    for batch in split_every(1000, ids, documents.browse):
        batch._sales_refresh_retention()
        env.invalidate_all()
