# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .test_picking_common import ShipCase


@tagged("post_install", "-at_install")
class TestDispatchReports(ShipCase):
    def render(self, xmlid, records, role):
        report = self.env.ref(xmlid)
        html, _fmt = report.with_user(self.users[role])._render_qweb_pdf(report.report_name, records.ids)
        return html.decode()

    def test_notice_and_delivery_note_render_chinese_text(self):
        """DG-10/DG-6: dispatch notice, delivery note and freight voucher carry the Chinese data unharmed and the
        signature lines."""
        customer = self.make_customer("绍兴柯桥纺织有限公司", grade="b", limit=100000.0)
        _order, notice, picking = self.shipped_order(customer)
        picking.with_user(self.users["warehouse"]).write({"dispatch_carrier_signer": "王伟"})
        picking.with_user(self.users["warehouse"]).action_dispatch_keeper_confirm()
        html = self.render("sales_dispatch_gate.action_report_dispatch_notice", notice, "specialist")
        for text in (notice.name, "绍兴柯桥纺织有限公司", "浙G·12345", "Finance Review", "Approved by"):
            self.assertIn(text, html)
        html = self.render("sales_dispatch_gate.action_report_delivery_note", picking, "warehouse")
        for text in ("Delivery Note", picking.name, notice.name, "绍兴柯桥纺织有限公司", "浙G·12345", "王伟"):
            self.assertIn(text, html)
        self.assertIn(self.users["warehouse"].name, html)
        html = self.render("sales_dispatch_gate.action_report_freight_voucher", picking, "warehouse")
        for text in ("Freight Voucher", "Warehouse Keeper:", "Carrier:", "王伟"):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestDeliveryNotePdf(HttpCase):
    def test_delivery_note_is_a_pdf_with_a_cjk_font(self):
        """DG-10: the delivery note is a real PDF whose Chinese text is set in a CJK font (no missing glyphs)."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        partner = self.env["res.partner"].create({"name": "绍兴柯桥纺织有限公司"})
        picking_type = self.env["stock.picking.type"].search(
            [("code", "=", "outgoing"), ("company_id", "=", self.env.company.id)], limit=1
        )
        picking = self.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
            }
        )
        report = self.env.ref("sales_dispatch_gate.action_report_delivery_note")
        pdf, fmt = report.with_context(force_report_rendering=True)._render_qweb_pdf(report.report_name, picking.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(b"CJK", pdf)
