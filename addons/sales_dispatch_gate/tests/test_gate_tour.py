# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import quote

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_qweb import QWebException

from .test_gate_common import PLATE, GateCase


@tagged("post_install", "-at_install")
class TestGateGuardScreen(HttpCase, GateCase):
    def test_guard_scans_releases_and_rejects_in_the_browser(self):
        """DG-7 / X-8: in headless Chromium the guard scans a pass (keyboard wedge: characters then Enter), sees
        its goods and its approved notice, releases it, is refused a second use, and rejects another pass."""
        released = self.issue_pass()
        rejected = self.issue_pass(qty=3.0)
        self.start_tour(
            "/odoo/action-sales_dispatch_gate.action_gate_guard_screen",
            "sales_dispatch_gate_guard_tour",
            login=self.guard.login,
            cookies={
                "sdg_tour_released": quote(released._gate_payload()),
                "sdg_tour_rejected": quote(rejected.name),
                "sdg_tour_plate": quote(PLATE),
            },
        )
        released.invalidate_recordset()
        rejected.invalidate_recordset()
        self.assertEqual(released.state, "released")
        self.assertEqual(released.released_by_id, self.guard)
        self.assertEqual(released.check_ids.mapped("reason"), ["used", False])
        self.assertEqual(rejected.state, "hold")
        self.assertEqual(rejected.check_ids.reason, "mismatch")
        self.assertEqual(rejected.check_ids.note, "Two pallets more than listed")
        self.assertIn(self.users["warehouse"], rejected.activity_ids.user_id)

    def test_gate_pass_prints_on_a5_with_qr_and_chinese_text(self):
        """DG-10: the gate pass is an A5 PDF with its QR code; Chinese text is rendered with a CJK font."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        gate_pass = self.issue_pass()
        report = self.env.ref("sales_dispatch_gate.action_report_gate_pass").with_user(self.users["warehouse"])
        self.assertEqual(report.paperformat_id.format, "A5")
        html = str(report._render_qweb_html(report.report_name, gate_pass.ids)[0], "utf-8")
        self.assertIn(gate_pass.name, html)
        self.assertIn(PLATE, html)
        self.assertIn("绍兴柯桥纺织有限公司", html)
        self.assertIn("data:image/png;base64,", html, "the QR code is embedded in the page")
        if self.env["res.lang"]._lang_get("zh_CN"):
            html_zh = str(
                report.with_context(lang="zh_CN")._render_qweb_html(report.report_name, gate_pass.ids)[0], "utf-8"
            )
            self.assertIn(gate_pass.name, html_zh)
            self.assertIn("绍兴柯桥纺织有限公司", html_zh)
        pdf, fmt = report.with_context(force_report_rendering=True)._render_qweb_pdf(report.report_name, gate_pass.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(b"CJK", pdf, "a CJK font is embedded for the Chinese text")
        # The guard reads the pass but not its code: neither through the web client nor by printing it.
        with self.assertRaises(AccessError):
            gate_pass.with_user(self.guard).qr_image  # noqa: B018
        with self.assertRaises(QWebException):
            report.with_user(self.guard)._render_qweb_html(report.report_name, gate_pass.ids)
