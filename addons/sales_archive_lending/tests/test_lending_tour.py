# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestLendingTour(HttpCase, ArchiveCase):
    def test_archivist_checks_out_and_takes_back_in_the_browser(self):
        """AL-6 / X-8: in the web client the archivist checks an approved lending out and records its return."""
        paper = self.as_role("archivist", "sales.paper.file").create(
            {"name": "Quotations tour file", "category": "quotation", "year": 2026}
        )
        lending = self.as_role("specialist2", "sales.lending").create(
            {
                "reason": "Customer audit",
                "paper_file_ids": [(6, 0, paper.ids)],
                "expected_return_date": fields.Date.today() + timedelta(days=10),
            }
        )
        lending.action_submit()
        self._review(lending, "supervisor")
        self._review(lending, "manager")
        self.assertEqual(lending.state, "approved")
        self.start_tour(
            f"/odoo/action-sales_archive_lending.sales_lending_action/{lending.id}",
            "sales_archive_lending_checkout_tour",
            login=self.users["archivist"].login,
        )
        lending.invalidate_recordset()
        self.assertEqual(lending.state, "returned")
        self.assertEqual(lending.return_condition, "intact")
        self.assertEqual(lending.checkout_by_id, self.users["archivist"])
