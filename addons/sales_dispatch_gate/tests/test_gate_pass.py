# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.sales_dispatch_gate.models.sales_gate_pass import SECRET_PARAM

from .test_gate_common import PLATE, GateCase


@tagged("post_install", "-at_install")
class TestGatePass(GateCase):
    def test_pass_carries_goods_notice_and_signed_code(self):
        """DG-7: the pass has a unique number, the goods and quantities, the vehicle, its validity, a copy of
        the approved notice and a QR code signed for this pass and this vehicle."""
        gate_pass = self.issue_pass(qty=8.0)
        notice = gate_pass.notice_id
        self.assertEqual(gate_pass.state, "valid")
        self.assertEqual(notice.state, "done", "the delivery shipped the whole notice")
        self.assertEqual(gate_pass.line_ids.product_name, "Nylon FDY 70D")
        self.assertEqual(gate_pass.line_ids.quantity, 8.0)
        self.assertEqual(gate_pass.customer_name, "绍兴柯桥纺织有限公司")
        self.assertEqual(gate_pass.notice_name, notice.name)
        self.assertTrue(gate_pass.notice_approved_by)
        self.assertEqual(gate_pass.notice_approved_by, notice.approved_by_id.name)
        self.assertEqual(gate_pass.notice_approved_date, notice.approved_date)
        self.assertEqual(gate_pass.order_ref, notice.order_id.name)
        self.assertEqual(gate_pass.valid_until - gate_pass.issue_date, timedelta(hours=24))
        number, token = gate_pass.qr_payload.split("#")
        self.assertEqual(number, gate_pass.name)
        self.assertEqual(token, gate_pass._gate_token())
        self.assertNotEqual(token, gate_pass._gate_token(plate="浙A·99999"), "the signature is tied to the plate")
        self.assertEqual(token, gate_pass._gate_token(plate="浙g 12345"), "the plate is compared normalised")
        self.assertTrue(gate_pass.qr_image)
        other = self.issue_pass(qty=2.0)
        self.assertNotEqual(other.name, gate_pass.name)
        self.assertNotEqual(other._gate_payload().split("#")[1], token)

    def test_signature_key_is_kept_per_database(self):
        """DG-7: the signing key is a per-database secret, created on first use and then kept."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(SECRET_PARAM, False)
        secret = self.Pass._gate_secret()
        self.assertEqual(len(secret), 64)
        self.assertEqual(params.get_param(SECRET_PARAM), secret)
        self.assertEqual(self.Pass._gate_secret(), secret)
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.guard).get_param(SECRET_PARAM)
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.guard).search([("key", "=", SECRET_PARAM)]).read(["value"])

    def test_guard_scans_and_releases_once(self):
        """DG-7: the guard scans the QR code, sees the pass and its notice, releases it (time, guard); a pass
        releases once and every attempt is logged."""
        gate_pass = self.issue_pass()
        payload = gate_pass._gate_payload()
        result = self.GuardPass.gate_lookup(payload, "浙G12345")
        self.assertTrue(result["ok"])
        self.assertEqual(result["pass"]["number"], gate_pass.name)
        self.assertEqual(result["pass"]["notice_name"], gate_pass.notice_name)
        self.assertEqual(result["pass"]["lines"], [{"product": "Nylon FDY 70D", "quantity": 10.0, "uom": "Units"}])
        self.assertGreaterEqual(result["pass"]["age_hours"], 0.0)
        result = self.GuardPass.gate_release(payload, PLATE)
        self.assertTrue(result["released"])
        self.assertEqual(gate_pass.state, "released")
        self.assertEqual(gate_pass.released_by_id, self.guard)
        self.assertTrue(gate_pass.released_date)
        self.assertEqual(gate_pass.age_hours, 0.0)
        again = self.GuardPass.gate_release(payload, PLATE)
        self.assertFalse(again["ok"])
        self.assertEqual(again["reason"], "used")
        self.assertEqual(gate_pass.released_by_id, self.guard)
        checks = gate_pass.check_ids.sorted("id")
        self.assertEqual(checks.mapped("result"), ["released", "rejected"])
        self.assertEqual(checks.mapped("reason"), [False, "used"])
        self.assertEqual(checks.mapped("guard_id"), self.guard)
        self.assertEqual(checks.mapped("scan_method"), ["qr", "qr"])

    def test_forged_code_is_refused(self):
        """DG-7: a QR code whose signature does not belong to the pass (forged or altered) is refused and logged."""
        gate_pass = self.issue_pass()
        forged = f"{gate_pass.name}#{'0' * 32}"
        result = self.GuardPass.gate_lookup(forged, PLATE)
        self.assertEqual(result["reason"], "forged")
        result = self.GuardPass.gate_release(f"{gate_pass.name}#非法", PLATE)
        self.assertEqual(result["reason"], "forged")
        self.assertEqual(gate_pass.state, "valid")
        self.assertEqual(gate_pass.check_ids.mapped("reason"), ["forged", "forged"])

    def test_copied_number_on_another_vehicle_holds_the_shipment(self):
        """DG-7: a copied number (typed, or the genuine QR code) on another vehicle is a mismatch: the shipment is
        put on hold and an incident opens for the warehouse and the salesperson."""
        gate_pass = self.issue_pass()
        result = self.GuardPass.gate_lookup(gate_pass.name, "浙A·99999")
        self.assertEqual(result["reason"], "mismatch")
        self.assertEqual(gate_pass.state, "hold")
        self.assertIn("浙A·99999", gate_pass.hold_reason)
        incident_users = gate_pass.activity_ids.user_id
        self.assertIn(self.users["warehouse"], incident_users)
        self.assertIn(self.users["specialist"], incident_users, "the salesperson of the order")
        self.assertNotIn(self.guard, incident_users)
        check = gate_pass.check_ids
        self.assertEqual((check.scan_method, check.plate_seen, check.result), ("typed", "浙A·99999", "rejected"))
        # On hold, even the right vehicle with the genuine code is stopped until the warehouse clears it.
        self.assertEqual(self.GuardPass.gate_lookup(gate_pass._gate_payload(), PLATE)["reason"], "hold")
        with self.assertRaises(AccessError):
            gate_pass.with_user(self.guard).action_clear_hold()
        gate_pass.with_user(self.users["warehouse"]).action_clear_hold()
        self.assertEqual(gate_pass.state, "valid")
        self.assertFalse(gate_pass.activity_ids)
        result = self.GuardPass.gate_release(gate_pass._gate_payload(), "浙B·77777")
        self.assertEqual(result["reason"], "mismatch")
        self.assertEqual(gate_pass.state, "hold")

    def test_typed_number_with_the_right_vehicle_is_released(self):
        """DG-7: without the QR code the guard types the number; the plate the guard reads vouches for it."""
        gate_pass = self.issue_pass()
        result = self.GuardPass.gate_release(f"  {gate_pass.name.lower()} ", "浙g-12345")
        self.assertTrue(result["ok"])
        self.assertEqual(gate_pass.state, "released")
        self.assertEqual(gate_pass.check_ids.scan_method, "typed")

    def test_expired_pass_is_refused_and_reported_unused(self):
        """DG-7: a pass past its validity is refused; it shows in the exceptions report as never used, with the
        rejected check."""
        gate_pass = self.issue_pass()
        gate_pass.sudo().write({"valid_until": fields.Datetime.now() - timedelta(hours=1)})
        result = self.GuardPass.gate_release(gate_pass._gate_payload(), PLATE)
        self.assertEqual(result["reason"], "expired")
        self.assertEqual(gate_pass.state, "valid")
        self.assertTrue(gate_pass.never_used)
        self.assertIn(gate_pass, self.Pass.search([("never_used", "=", True)]))
        self.env.flush_all()
        exceptions = (
            self.env["sales.gate.exception"].with_user(self.users["warehouse"]).search([("pass_id", "=", gate_pass.id)])
        )
        self.assertEqual(sorted(exceptions.mapped("kind")), ["never_used", "rejected"])
        self.assertEqual(exceptions.filtered(lambda e: e.kind == "rejected").reason, "expired")
        with self.assertRaises(AccessError):
            self.env["sales.gate.exception"].with_user(self.guard).search([])

    def test_pass_of_unapproved_notice_is_refused(self):
        """DG-7: goods of a notice that is not approved (or no longer is) do not leave."""
        customer = self.make_customer("Keqiao Dyeing Works", grade="b", limit=100000.0)
        notice = self.review(self.make_notice(self.confirmed_order(customer, qty=5.0)))
        self.assertEqual(notice.state, "reviewed")
        # The picking guard keeps such goods in the warehouse (DG-5); the gate must hold even if a pass
        # was issued some other way, here for a delivery validated while notices did not control shipments.
        self.company.dispatch_control = False
        gate_pass = self.issue_pass(qty=5.0, notice=notice)
        self.company.dispatch_control = True
        self.assertEqual(gate_pass.notice_state, "reviewed")
        result = self.GuardPass.gate_lookup(gate_pass._gate_payload(), PLATE)
        self.assertEqual(result["reason"], "not_approved")
        self.assertIn("not approved", result["message"])
        cancelled = self.issue_pass()
        cancelled.with_user(self.users["warehouse"]).action_cancel()
        self.assertEqual(self.GuardPass.gate_release(cancelled._gate_payload(), PLATE)["reason"], "not_approved")

    def test_unknown_number_is_refused_and_logged(self):
        """DG-7: an unknown number is refused and the attempt logged without a pass."""
        result = self.GuardPass.gate_lookup("CMZ99-NOPE", PLATE)
        self.assertEqual(result["reason"], "unknown")
        self.assertFalse(result["pass"])
        check = self.env["sales.gate.check"].sudo().search([("scanned_number", "=", "CMZ99-NOPE")])
        self.assertEqual((check.result, check.reason, check.guard_id), ("rejected", "unknown", self.guard))
        self.assertFalse(check.pass_id)
        self.assertEqual(self.GuardPass.gate_release("", PLATE)["reason"], "unknown")

    def test_guard_rejects_with_a_reason(self):
        """DG-7: the guard rejects a valid pass with a reason; a goods mismatch puts the shipment on hold."""
        gate_pass = self.issue_pass()
        with self.assertRaises(UserError):
            self.GuardPass.gate_reject(gate_pass._gate_payload(), PLATE, "no_reason")
        result = self.GuardPass.gate_reject(gate_pass._gate_payload(), PLATE, "mismatch", "Two pallets too many")
        self.assertEqual(result["reason"], "mismatch")
        self.assertEqual(gate_pass.state, "hold")
        self.assertEqual(gate_pass.check_ids.note, "Two pallets too many")
        self.assertIn("Two pallets too many", gate_pass.activity_ids[:1].note)

    def test_only_a_logged_in_guard_checks_passes(self):
        """DG-7: verification happens only for a logged-in gate guard: no other role, not even in sudo mode."""
        gate_pass = self.issue_pass()
        payload = gate_pass._gate_payload()
        for role in ("warehouse", "gm", "specialist"):
            with self.assertRaises(AccessError):
                self.Pass.with_user(self.users[role]).gate_lookup(payload, PLATE)
            with self.assertRaises(AccessError):
                self.Pass.with_user(self.users[role]).sudo().gate_release(payload, PLATE)
        with self.assertRaises(AccessError):
            self.Pass.sudo().gate_release(payload, PLATE)
        self.assertEqual(gate_pass.state, "valid")
        self.assertFalse(gate_pass.check_ids)

    def test_guard_sees_nothing_else(self):
        """DG-7 / X-5: the gate guard reads passes, their goods and their own checks, nothing else."""
        gate_pass = self.issue_pass()
        guard_env = self.env(user=self.guard)
        notice = gate_pass.notice_id
        for model, record in (
            ("sale.order", notice.order_id),
            ("res.partner", notice.commercial_partner_id),
            ("res.partner", self.carrier),
            ("stock.picking", gate_pass.picking_id),
            ("sales.dispatch.notice", notice),
        ):
            with self.assertRaises(AccessError, msg=model):
                guard_env[model].browse(record.id).read(["display_name"])
        with self.assertRaises(AccessError):
            guard_env["sale.order"].search([])
        with self.assertRaises(AccessError):
            guard_env["stock.picking"].search([])
        with self.assertRaises(AccessError):
            guard_env["sales.dispatch.notice"].search([])
        guard_pass = gate_pass.with_user(self.guard)
        for field in ("picking_id", "notice_id", "partner_id", "carrier_id", "qr_payload"):
            self.assertNotIn(field, guard_env["sales.gate.pass"].fields_get())
            with self.assertRaises(AccessError, msg=field):
                guard_pass.read([field])
        values = guard_pass.read(["name", "customer_name", "notice_name", "vehicle_plate", "line_ids"])[0]
        self.assertEqual(values["customer_name"], "绍兴柯桥纺织有限公司")
        self.assertEqual(guard_pass.line_ids.read(["product_name", "quantity"])[0]["quantity"], 10.0)
        # The web client still works: the guard reads users' and companies' contacts.
        guard_env["res.partner"].browse([self.guard.partner_id.id, self.company.partner_id.id]).read(["name"])
        with self.assertRaises(AccessError):
            guard_pass.write({"state": "released"})
        with self.assertRaises(AccessError):
            guard_pass.action_cancel()
        self.GuardPass.gate_lookup("CMZ-NONE", PLATE)
        self.assertEqual(len(guard_env["sales.gate.check"].search([])), 1)
        with self.assertRaises(AccessError):
            self.env["sales.gate.check"].with_user(self.users["specialist"]).search([])

    def test_guard_of_another_company_does_not_know_the_pass(self):
        """DG-7 / X-5: a guard of another company finds no pass of this one: the number is unknown there."""
        gate_pass = self.issue_pass()
        other_company = self.env["res.company"].sudo().create({"name": "Jinhui Fibre Hangzhou"})
        other_guard = new_test_user(
            self.env,
            login="sdg_other_guard",
            groups="sales_doc_control.group_sales_gate_guard",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        result = self.Pass.with_user(other_guard).gate_release(gate_pass._gate_payload(), PLATE)
        self.assertEqual(result["reason"], "unknown")
        self.assertEqual(gate_pass.state, "valid")
        check = self.env["sales.gate.check"].sudo().search([("guard_id", "=", other_guard.id)])
        self.assertEqual((check.company_id, check.pass_id), (other_company, self.Pass))

    def test_gate_checks_are_never_changed(self):
        """DG-7 / X-6: the gate log is kept as written."""
        gate_pass = self.issue_pass()
        self.GuardPass.gate_lookup(gate_pass.name, "浙A·00000")
        check = gate_pass.check_ids
        for user_check in (check.with_user(self.guard), check.with_user(self.users["warehouse"]), check.sudo()):
            with self.assertRaises(UserError):
                user_check.write({"reason": "expired"})
            with self.assertRaises(UserError):
                user_check.unlink()
        self.assertEqual(check.reason, "mismatch")
        with self.assertRaises(UserError):
            gate_pass.sudo().unlink()

    def test_pending_pass_shows_its_age(self):
        """DG-7: pending passes show how many hours they have been waiting."""
        gate_pass = self.issue_pass()
        gate_pass.sudo().write({"issue_date": fields.Datetime.now() - timedelta(hours=5)})
        self.assertAlmostEqual(gate_pass.age_hours, 5.0, delta=0.1)

    def test_lookup_by_number_is_one_query(self):
        """DG-7 / X-7: finding the pass of a number is one indexed lookup, whatever the number of passes."""
        gate_pass = self.issue_pass()
        self.GuardPass._gate_find(gate_pass.name)
        with self.assertQueryCount(1):
            self.assertEqual(self.GuardPass._gate_find(gate_pass.name), gate_pass)
