# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ArchiveShipCase


@tagged("post_install", "-at_install")
class TestShipmentAccess(ArchiveShipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Departments outside sales have their own heads (查阅申请表: signed by the requester's department
        # head), here someone who is not in the later steps: nobody decides two steps of one request.
        (cls.users["archivist"] | cls.users["legal"]).sales_superior_id = cls.users["supervisor"]

    def request(self, records, role, head):
        """An access request of ``role`` for the register rows of ``records``, open from tomorrow for three
        days, approved by the requester's department head, the sales manager and, if needed, the GM."""
        now = fields.Datetime.now()
        start = now.replace(microsecond=0) + timedelta(days=1)
        # The test's own user is an accountant; the register rows are looked up, not tested for access.
        documents = (
            self.env["sales.document"].sudo().search([("res_model", "=", records._name), ("res_id", "in", records.ids)])
        )
        request = (
            self.env["sales.access.request"]
            .with_user(self.users[role])
            .create(
                {
                    "purpose": "Check what was shipped to the customer",
                    "document_ids": [fields.Command.set(documents.ids)],
                    "date_from": start,
                    "date_to": start + timedelta(days=3),
                }
            )
        )
        request.with_user(self.users[role]).action_submit()
        for reviewer in (head, "manager", "gm"):
            if request.state == "approved":
                break
            self.review_request(request, self.users[reviewer])
        self.assertEqual(request.state, "approved")
        return request

    def review_request(self, request, user):
        request = request.with_user(user)
        action = request.validate_tier()
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            wizard = self.env["comment.wizard"].with_user(user).with_context(**action["context"])
            wizard.create({"comment": "Agreed"}).add_comment()
        request.invalidate_recordset()

    def can_read(self, role, records):
        # Rules on lines read their parent's window flag, a computed field cached like any other.
        self.env.invalidate_all()
        try:
            records.with_user(self.users[role]).check_access("read")
        except AccessError:
            return False
        return True

    def test_access_request_opens_a_dispatch_notice_to_another_department_during_its_window(self):
        """AL-5: the archivist, outside sales, reads the listed dispatch notice (发货通知单) and its lines during
        the approved window only, never writes it, and reads neither the other notices nor the delivery."""
        _order, notice, picking = self.shipped_order()
        _other_order, other_notice, _other_picking = self.shipped_order()
        self.assertFalse(self.can_read("archivist", notice))
        request = self.request(notice, "archivist", head="supervisor")
        self.assertFalse(self.can_read("archivist", notice), "approved, but the window has not started")
        with freeze_time(request.date_from + timedelta(hours=1)):
            self.assertTrue(self.can_read("archivist", notice))
            self.assertTrue(self.can_read("archivist", notice.line_ids))
            self.assertEqual(notice.with_user(self.users["archivist"]).name, notice.name)
            self.assertFalse(self.can_read("archivist", other_notice))
            self.assertFalse(self.can_read("archivist", other_notice.line_ids))
            self.assertFalse(self.can_read("archivist", picking))
            self.assertEqual(self.env["sales.dispatch.notice"].with_user(self.users["archivist"]).search([]), notice)
            with self.assertRaises(AccessError):
                notice.with_user(self.users["archivist"]).check_access("write")
            # The shipping roles and the general manager keep reading every notice and line.
            for role in ("warehouse", "finance", "gm"):
                self.assertTrue(self.can_read(role, other_notice))
                self.assertTrue(self.can_read(role, other_notice.line_ids))
            # Another department without a request reads nothing.
            self.assertFalse(self.can_read("legal", notice))
        with freeze_time(request.date_to + timedelta(seconds=1)):
            self.assertFalse(self.can_read("archivist", notice))
            self.assertFalse(self.can_read("archivist", notice.line_ids))

    def test_access_request_opens_the_delivery_and_receipt_of_another_salesperson(self):
        """AL-5: another salesperson reads the listed delivery receipt (发货回执) of a colleague's order during
        the window only; the legal reviewer reads the listed delivery note (送货单) the same way."""
        _order, _notice, picking = self.shipped_order()
        receipt = self.signed_receipt(picking)
        self.assertFalse(self.can_read("specialist2", receipt))
        self.assertTrue(self.can_read("specialist2", picking), "salespeople read every delivery through Odoo")
        self.assertFalse(self.can_read("legal", picking))
        receipt_request = self.request(receipt, "specialist2", head="supervisor")
        picking_request = self.request(picking, "legal", head="supervisor")
        with freeze_time(receipt_request.date_from + timedelta(hours=1)):
            self.assertTrue(self.can_read("specialist2", receipt))
            self.assertTrue(self.can_read("legal", picking))
            self.assertFalse(self.can_read("legal", receipt))
            with self.assertRaises(AccessError):
                picking.with_user(self.users["legal"]).check_access("write")
            # The warehouse keeper reads every delivery as before.
            self.assertTrue(self.can_read("warehouse", picking))
        with freeze_time(picking_request.date_to + timedelta(seconds=1)):
            self.assertFalse(self.can_read("specialist2", receipt))
            self.assertFalse(self.can_read("legal", picking))

    def test_gate_guard_is_not_opened(self):
        """AL-5 / X-5: the gate guard, who sees nothing but gate passes, gets no read right on shipments here."""
        _order, notice, picking = self.shipped_order()
        for record in (notice, picking):
            with self.assertRaises(AccessError):
                record.with_user(self.users["guard"]).check_access("read")
