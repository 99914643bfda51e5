# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ArchiveShipCase

RETAINED = "cannot be deleted: it is retained until"


@tagged("post_install", "-at_install")
class TestShipmentRetention(ArchiveShipCase):
    def test_shipment_starts_the_retention_and_moves_it(self):
        """AL-1: the delivery note, the dispatch notice and the delivery receipt (发货单、发货回执) are kept for
        the years of the schedule after the shipment (保存至发货后[X]年), and follow the shipment date when
        it is corrected."""
        _order, notice, picking = self.shipped_order()
        receipt = self.signed_receipt(picking)
        shipped = picking.date_done.date()
        self.assertEqual(notice.shipped_date.date(), shipped)
        for record, code in ((picking, "delivery_note"), (notice, "dispatch_notice"), (receipt, "delivery_receipt")):
            document = self.document(record)
            self.assertEqual(document.type_id.code, code)
            self.assertEqual(document.retention_rule_id.trigger, "shipped")
            self.assertEqual(document.retention_trigger_date, shipped)
            self.assertEqual(document.retain_until, shipped + relativedelta(years=3))
            self.assertEqual(document.retention_state, "retained")
        # The warehouse corrects the shipment date of the delivery: the delivery note and its receipt follow.
        picking.with_user(self.users["warehouse"]).write({"date_done": datetime(2026, 1, 10, 9, 0)})
        for record in (picking, receipt):
            self.assertEqual(self.document(record).retain_until.isoformat(), "2029-01-10")
        # The notice runs from its own shipment record.
        notice.with_context(dispatch_workflow=True).sudo().write({"shipped_date": datetime(2026, 1, 12, 9, 0)})
        self.assertEqual(self.document(notice).retain_until.isoformat(), "2029-01-12")
        # A rule of the archivist with its own number of years moves all three.
        self.env.ref("sales_archive_lending.retention_rule_delivery_note").with_user(self.users["archivist"]).years = 5
        self.assertEqual(self.document(picking).retain_until.isoformat(), "2031-01-10")

    def test_shipped_records_under_retention_cannot_be_deleted(self):
        """AL-2: a shipped delivery under retention is refused to the warehouse keeper, an administrator and
        sudo() with the retention schedule's reason, not stock's; its dispatch notice and receipt are refused
        too (submitted and confirmed records are kept, sales_dispatch_gate X-6) and their register rows guard
        them as well."""
        _order, notice, picking = self.shipped_order()
        receipt = self.signed_receipt(picking)
        admin = self.admin
        for attempt in (
            picking.with_user(self.users["warehouse"]),
            picking.with_user(admin).with_company(self.company),
            picking.sudo(),
        ):
            with self.assertUserError(rf"{picking.name} {RETAINED} .* Keep it"):
                attempt.unlink()
        for record in (notice, receipt):
            for attempt in (
                record.with_user(self.users["specialist"]),
                record.with_user(admin).with_company(self.company),
                record.sudo(),
            ):
                with self.assertUserError("kept"):
                    attempt.unlink()
            with self.assertUserError(RETAINED):
                record.sudo()._sales_check_retention_before_unlink()
        for record in (picking, notice, receipt):
            self.assertTrue(record.exists())
            self.assertFalse(self.document(record).record_deleted)

    def test_past_retention_the_schedule_lets_go(self):
        """AL-2: once the retention has passed, the retention schedule no longer refuses the deletion: what
        still refuses a shipped delivery is stock (create a return instead) and, for submitted notices and
        confirmed receipts, sales_dispatch_gate's own rule (X-6); a legal hold keeps refusing whatever the dates."""
        _order, notice, picking = self.shipped_order()
        receipt = self.signed_receipt(picking)
        later = picking.date_done + relativedelta(years=3, days=2)
        with freeze_time(later):
            for record in (picking, notice, receipt):
                self.assertEqual(self.document(record).retention_state, "expired")
                record.sudo()._sales_check_retention_before_unlink()
            with self.assertRaises(UserError) as caught:
                picking.sudo().unlink()
            self.assertNotIn(RETAINED, str(caught.exception))
            self.assertTrue(picking.exists())
            document = self.document(picking)
            document.with_user(self.users["archivist"]).action_set_legal_hold()
            with self.assertUserError(f"{picking.name} cannot be deleted: it is on legal hold"):
                picking.sudo().unlink()

    def test_shortened_retention_lets_the_schedule_go(self):
        """AL-1/AL-2: an archivist who shortens the delivery note rule to one year releases a delivery shipped
        more than a year ago at once; while retained its deletion is refused."""
        _order, _notice, picking = self.shipped_order()
        picking.with_user(self.users["warehouse"]).write({"date_done": datetime.now() - relativedelta(months=13)})
        self.assertEqual(self.document(picking).retention_state, "retained")
        with self.assertUserError(RETAINED):
            picking.sudo().unlink()
        self.env.ref("sales_archive_lending.retention_rule_delivery_note").with_user(self.users["archivist"]).years = 1
        self.assertEqual(self.document(picking).retention_state, "expired")
        picking.sudo()._sales_check_retention_before_unlink()

    def test_drafts_may_still_be_deleted(self):
        """AL-2: a draft dispatch notice and a receipt still being entered have not been issued to anyone:
        the retention schedule lets their salesperson delete them, as sales_dispatch_gate does alone."""
        order, _notice, picking = self.shipped_order()
        draft_notice = self.make_notice(self.confirmed_order(order.partner_id))
        self.assertEqual(self.document(draft_notice).retention_state, "pending")
        draft_receipt = (
            self.env["sales.delivery.receipt"].with_user(self.users["specialist"]).create({"picking_id": picking.id})
        )
        self.assertEqual(self.document(draft_receipt).retention_state, "retained")
        draft_notice.with_user(self.users["specialist"]).unlink()
        draft_receipt.with_user(self.users["specialist"]).unlink()
        self.assertFalse(draft_notice.exists())
        self.assertFalse(draft_receipt.exists())
