# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading
import time
from unittest.mock import patch
from uuid import uuid4

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

GUARD_GROUP = "sales_doc_control.group_sales_gate_guard"
PLATE = "浙G·12345"
# Every wait is bounded: a lock that does not serialise fails the test instead of hanging the run.
WAIT_SECONDS = 60


@tagged("post_install", "-at_install")
class TestGateConcurrency(TransactionCase):
    """DG-7 / X-6: two gate guards releasing the same gate pass at the same time, in two real transactions."""

    def setUp(self):
        super().setUp()
        # Committed: each guard works in a transaction of their own, which sees only committed data.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "tracking_disable": True})
            # Register rows of this test's records are removed with them (see _cleanup).
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM sales_document")
            self.last_document_id = cr.fetchone()[0]
            tag = uuid4().hex[:8]
            guards = env["res.users"]
            for index in (1, 2):
                guards |= new_test_user(env, login=f"sdg_gate_race_{index}_{tag}", groups=GUARD_GROUP)
            customer = env["res.partner"].create({"name": "Race gate customer", "is_company": True})
            picking_type = env["stock.picking.type"].search(
                [("code", "=", "outgoing"), ("company_id", "=", env.company.id)], limit=1
            )
            picking = env["stock.picking"].create({"partner_id": customer.id, "picking_type_id": picking_type.id})
            # A valid pass of a delivery; what the delivery ships and its notice are not the subject here.
            gate_pass = env["sales.gate.pass"].create(
                {
                    "name": env["ir.sequence"].next_by_code("sales.gate.pass"),
                    "picking_id": picking.id,
                    "vehicle_plate": PLATE,
                    "customer_name": customer.name,
                    "valid_until": fields.Datetime.add(fields.Datetime.now(), hours=24),
                }
            )
            self.data = {
                "guards": guards.ids,
                "customer": customer.id,
                "picking": picking.id,
                "pass": gate_pass.id,
                "payload": gate_pass._gate_payload(),
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            # The uninstall flag lets this committed test data go where the X-6 guards (passes are kept,
            # and sales_archive_lending's retention) would keep it.
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, MODULE_UNINSTALL_FLAG: True})
            # sales_archive_lending keeps retained documents even from the superuser outside an uninstall:
            # the register rows this test created go first, then its records.
            cr.execute("DELETE FROM sales_document WHERE id > %s", [self.last_document_id])
            # The gate log refuses deletion through the ORM; this test removes what it committed.
            cr.execute(
                "DELETE FROM sales_gate_check WHERE pass_id = %s OR guard_id IN %s",
                [self.data["pass"], tuple(self.data["guards"])],
            )
            env["sales.gate.pass"].browse(self.data["pass"]).unlink()
            env["stock.picking"].browse(self.data["picking"]).unlink()
            users = env["res.users"].browse(self.data["guards"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.execute("DELETE FROM sales_credit_change WHERE partner_id = %s", [self.data["customer"]])
            env["res.partner"].browse(self.data["customer"]).unlink()

    def _guard_request(self, guard_id, outcome, started=None, before_commit=None):
        """One guard's "release" on the gate screen, run as the web client's call is run: a cursor and a
        transaction of its own, replayed by Odoo after a serialisation failure (http.py wraps every
        request in odoo.service.model.retrying). Runs in a thread; ``outcome`` receives the result."""
        try:
            with self.registry.cursor() as cr:
                if started:
                    cr.execute("SELECT pg_backend_pid()")
                    outcome["pid"] = cr.fetchone()[0]
                    started.set()
                passes = api.Environment(cr, SUPERUSER_ID, {})["sales.gate.pass"].with_user(guard_id)

                def release():
                    outcome["attempts"] = outcome.get("attempts", 0) + 1
                    result = passes.gate_release(self.data["payload"], PLATE)
                    if before_commit:
                        before_commit()
                    return result

                outcome["result"] = retrying(release, passes.env)
        except Exception as error:  # handed to the test's own thread, which asserts on it
            outcome["error"] = error

    def _wait_for_lock(self, pid):
        """True once the backend ``pid`` waits for a lock another transaction holds."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.registry.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
                if cr.fetchone():
                    return True
                cr.rollback()
                time.sleep(0.05)
        return False

    def test_two_guards_releasing_one_pass_at_once_release_it_once(self):
        """DG-7 / X-6: a pass releases once, also when two guards release it at the same moment.

        Guard 1 releases and still holds the pass's lock (``_gate_lock``, SELECT ... FOR NO KEY UPDATE)
        when guard 2's release starts and waits for that lock. Guard 1 commits; guard 2's transaction
        then fails to serialise, Odoo replays guard 2's request, and the replay finds the pass released:
        guard 2 is refused as "already used". The gate log keeps both attempts; the failed first try
        of guard 2 was rolled back with its transaction and logged nothing.
        """
        guard1, guard2 = self.data["guards"]
        first, second = {}, {}
        locked = threading.Event()  # guard 1 has released the pass and holds its lock
        started = threading.Event()  # guard 2's transaction has begun
        waiting = threading.Event()  # guard 2 waits for guard 1's lock: guard 1 may commit

        def hold_the_lock():
            locked.set()
            waiting.wait(WAIT_SECONDS)

        thread1 = threading.Thread(
            target=self._guard_request, args=(guard1, first), kwargs={"before_commit": hold_the_lock}
        )
        thread2 = threading.Thread(target=self._guard_request, args=(guard2, second), kwargs={"started": started})
        # The server holds the registry lock while it runs the tests, and a request (here, its retry)
        # looks the registry up by name, which takes that lock: lifted as Odoo's own test mode lifts it
        # for HttpCase (Registry.enter_test_mode). Nothing else here depends on it.
        with (
            patch.object(Registry, "_lock", DummyRLock()),
            mute_logger("odoo.sql_db"),
            # logging.INFO itself: Odoo renames level 25 "INFO", which assertLogs would take for the name.
            self.assertLogs("odoo.service.model", logging.INFO) as retry_logs,
        ):
            try:
                thread1.start()
                self.assertTrue(locked.wait(WAIT_SECONDS), first.get("error"))
                thread2.start()
                self.assertTrue(started.wait(WAIT_SECONDS), second.get("error"))
                self.assertTrue(self._wait_for_lock(second["pid"]), "guard 2 waits for the pass guard 1 holds")
            finally:
                waiting.set()
                for thread in (thread1, thread2):
                    if thread.ident:  # started
                        thread.join(WAIT_SECONDS)
        self.assertFalse(thread1.is_alive() or thread2.is_alive())
        self.assertNotIn("error", first)
        self.assertNotIn("error", second)
        self.assertTrue(first["result"]["released"])
        self.assertEqual(first["attempts"], 1)
        self.assertFalse(second["result"]["ok"])
        self.assertEqual(second["result"]["reason"], "used")
        self.assertIn("already used", second["result"]["message"])
        self.assertEqual(second["attempts"], 2, "guard 2's request was replayed once")
        self.assertTrue(any("SERIALIZATION_FAILURE" in line for line in retry_logs.output), retry_logs.output)

        with self.registry.cursor() as cr:
            gate_pass = api.Environment(cr, SUPERUSER_ID, {})["sales.gate.pass"].browse(self.data["pass"])
            self.assertEqual(gate_pass.state, "released")
            self.assertEqual(gate_pass.released_by_id.id, guard1)
            checks = gate_pass.check_ids.sorted("id")
            self.assertEqual(
                [(check.guard_id.id, check.result, check.reason) for check in checks],
                [(guard1, "released", False), (guard2, "rejected", "used")],
            )
