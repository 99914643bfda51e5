# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import os
import re

from odoo.tests import TransactionCase, tagged
from odoo.tools import config, file_open


@tagged("post_install", "-at_install")
class TestBackupDocumentation(TransactionCase):
    """AL-7 asks for documentation, not code: backups are run by the operators outside Odoo. What code can
    check is that the documentation exists, names what must be backed up, and that what it says about
    where the files live is true of this Odoo. It cannot check that anyone runs the backup."""

    def _usage(self):
        with file_open("sales_archive_lending/readme/USAGE.md") as usage:
            text = usage.read()
        match = re.search(r"\*\*Backing up the archive \(AL-7\)\.\*\*(.*?)(?:\n\*\*|\Z)", text, re.S)
        self.assertTrue(match, "readme/USAGE.md has lost its backup section (AL-7)")
        return match.group(1)

    def test_backup_section_names_database_filestore_and_off_site_copy(self):
        """AL-7: the module's documentation has a backup section covering the database (pg_dump), the
        filestore, an off-site copy and a restore test, and the generated README.rst carries it."""
        section = self._usage()
        for needle in ("pg_dump", "filestore", "Off-site copy", "pg_restore", "data_dir/filestore/DBNAME"):
            self.assertIn(needle, section)
        with file_open("sales_archive_lending/README.rst") as readme:
            self.assertIn("Backing up the archive (AL-7)", readme.read())

    def test_scans_live_in_the_filestore_the_section_names(self):
        """AL-7: the section's claim holds here: attachments (scans) are stored as files under
        data_dir/filestore/<database>, outside the database, so a pg_dump alone would lose them."""
        self.assertIn("data_dir/filestore/DBNAME", self._usage())
        attachments = self.env["ir.attachment"]
        self.assertEqual(attachments._storage(), "file")
        expected = os.path.join(config["data_dir"], "filestore", self.env.cr.dbname)
        self.assertEqual(attachments._filestore(), expected)
        scan = attachments.create({"name": "contract-scan.pdf", "datas": base64.b64encode(b"%PDF-1.4 scan")})
        self.assertTrue(scan.store_fname)
        self.assertTrue(os.path.isfile(os.path.join(expected, scan.store_fname)))
        self.assertFalse(scan.db_datas)
