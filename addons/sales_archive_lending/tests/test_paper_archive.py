# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestPaperArchive(ArchiveCase):
    def _tree(self):
        locations = self.as_role("archivist", "sales.archive.location")
        room = locations.create({"name": "Room 1", "location_type": "room", "barcode": "T-R1"})
        cabinet = locations.create(
            {
                "name": "Cabinet B",
                "location_type": "cabinet",
                "parent_id": room.id,
                "category": "quotation",
                "year": 2026,
            }
        )
        shelf = locations.create({"name": "Shelf 2", "location_type": "shelf", "parent_id": cabinet.id})
        box = locations.create({"name": "Box 7", "location_type": "box", "parent_id": shelf.id, "barcode": "T-B7"})
        return room, cabinet, shelf, box

    def test_location_tree_is_partitioned_by_category_and_year(self):
        """AL-4: room → cabinet → shelf → box; boxes inherit the cabinet's category and year."""
        room, cabinet, _shelf, box = self._tree()
        self.assertEqual((box.category, box.year), ("quotation", 2026))
        self.assertEqual(box.complete_name, "Room 1 / Cabinet B / Shelf 2 / Box 7")
        with self.assertRaises(ValidationError):
            self.as_role("archivist", "sales.archive.location").create(
                {"name": "Loose box", "location_type": "box", "parent_id": room.id}
            )
        with self.assertRaises(ValidationError):
            self.as_role("archivist", "sales.archive.location").create(
                {"name": "Cabinet in cabinet", "location_type": "cabinet", "parent_id": cabinet.id}
            )

    def test_every_cabinet_has_its_partition(self):
        """AL-4: a cabinet without a category or a year is refused; its shelves and boxes follow a change."""
        room, cabinet, shelf, box = self._tree()
        locations = self.as_role("archivist", "sales.archive.location")
        with self.assertRaisesRegex(ValidationError, "Cabinet C"):
            locations.create({"name": "Cabinet C", "location_type": "cabinet", "parent_id": room.id, "year": 2026})
        with self.assertRaisesRegex(ValidationError, "Cabinet D"):
            locations.create(
                {"name": "Cabinet D", "location_type": "cabinet", "parent_id": room.id, "category": "order"}
            )
        with self.assertRaisesRegex(ValidationError, "Cabinet B"):
            cabinet.with_user(self.users["archivist"]).year = 0
        cabinet.with_user(self.users["archivist"]).write({"category": "order", "year": 2027})
        self.assertEqual((shelf.category, shelf.year), ("order", 2027))
        self.assertEqual((box.category, box.year), ("order", 2027))

    def test_paper_file_goes_to_its_partition_and_prints_its_label(self):
        """AL-4: a paper file has a barcode, is filed in its partition and prints a cover label."""
        _room, _cabinet, _shelf, box = self._tree()
        document = self._document(self._quotation())
        files = self.as_role("archivist", "sales.paper.file")
        paper = files.create(
            {
                "name": "Quotations March",
                "category": "quotation",
                "year": 2026,
                "month": 3,
                "location_id": box.id,
                "document_ids": [(6, 0, document.ids)],
                "copies": 2,
            }
        )
        self.assertTrue(paper.barcode and paper.barcode != "/")
        self.assertIn(paper, document.paper_file_ids)
        with self.assertRaisesRegex(ValidationError, "Contracts 2025"):
            files.create({"name": "Contracts 2025", "category": "contract", "year": 2025, "location_id": box.id})
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sales_archive_lending.action_report_paper_file_label", paper.ids
        )
        html = html.decode()
        for text in ("Quotations March", "2026", paper.barcode):
            self.assertIn(text, html)

    def test_only_the_archivist_keeps_the_paper_archive(self):
        """AL-4 / X-5: a specialist reads the archive, cannot change it; the gate guard sees nothing."""
        room, *_rest = self._tree()
        self.assertTrue(room.with_user(self.users["specialist"]).name)
        with self.assertRaises(AccessError):
            self.as_role("specialist", "sales.paper.file").create({"name": "x", "category": "order", "year": 2026})
        with self.assertRaises(AccessError):
            room.with_user(self.users["guard"]).read(["name"])
