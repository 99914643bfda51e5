# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from types import SimpleNamespace
from unittest.mock import patch
from uuid import uuid4

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service import model as service_model
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


@tagged("post_install", "-at_install")
class TestCreditConcurrency(TransactionCase):
    """X-6: two real transactions confirming orders of one customer at the same time."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "tracking_disable": True})
            # Register rows of this test's records are removed with them (see _cleanup).
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM sales_document")
            self.last_document_id = cr.fetchone()[0]
            company = env.company
            self.policy = {
                "sales_quotation_approval": company.sales_quotation_approval,
                "sales_quotation_approval_amount": company.sales_quotation_approval_amount,
            }
            # Quotation approval (sales_doc_control) is another matter: keep these orders out of it.
            company.write({"sales_quotation_approval": "amount", "sales_quotation_approval_amount": 1e12})
            if "dispatch_control" in company._fields:
                # sales_dispatch_gate: confirmed orders, not dispatch notices, are the instruction here.
                self.policy["dispatch_control"] = company.dispatch_control
                company.dispatch_control = False
            # So are the other modules' order tiers (price authority, for instance); restored below.
            other_tiers = env["tier.definition"].search(
                [("model", "=", "sale.order"), ("sales_credit_approval", "=", False)]
            )
            other_tiers.active = False
            self.other_tiers = other_tiers.ids
            login = f"sct_credit_race_{uuid4().hex[:8]}"
            user = new_test_user(env, login=login, groups="sales_doc_control.group_sales_manager")
            customer = env["res.partner"].create({"name": "Race customer", "is_company": True})
            customer.write({"credit_grade": "b", "credit_limit": 1000.0})
            product = env["product.product"].create({"name": "Race service", "type": "service"})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": customer.id,
                        "user_id": user.id,
                        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 6, "price_unit": 100.0})],
                    }
                    for _index in range(2)
                ]
            )
            orders.order_line.write({"tax_id": [(5, 0, 0)]})
            self.data = {"user": user.id, "customer": customer.id, "product": product.id, "orders": orders.ids}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            # The uninstall flag lets this committed test data go even where a retention guard
            # (sales_archive_lending) would keep the documents.
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, MODULE_UNINSTALL_FLAG: True})
            orders = env["sale.order"].browse(self.data["orders"])
            # Decisions refuse deletion through the ORM; this test removes what it committed.
            cr.execute("DELETE FROM sales_credit_decision WHERE order_id IN %s", [tuple(orders.ids)])
            # Other modules may have recorded a breach against the salesperson (a price outside
            # authority, sales_price_committee); the register refuses deletion too.
            cr.execute("DELETE FROM sales_violation WHERE person_id = %s", [self.data["user"]])
            orders._action_cancel()
            # sales_archive_lending keeps retained documents even from the superuser outside an uninstall:
            # the register rows this test created (the cancellation refreshed them) go first, then its records.
            cr.execute("DELETE FROM sales_document WHERE id > %s", [self.last_document_id])
            orders.unlink()
            env["product.product"].browse(self.data["product"]).unlink()
            user = env["res.users"].browse(self.data["user"])
            partner = user.partner_id
            user.unlink()
            partner.unlink()
            cr.execute("DELETE FROM sales_credit_change WHERE partner_id = %s", [self.data["customer"]])
            env["res.partner"].browse(self.data["customer"]).unlink()
            env.company.write(self.policy)
            env["tier.definition"].with_context(active_test=False).browse(self.other_tiers).active = True

    def test_two_orders_fitting_only_one_at_a_time_cannot_both_pass(self):
        """X-6/CT-4: the customer's row lock serialises the checks; the second sees the first order.

        A sales manager confirms both (contract review passes, but over the limit needs the
        general manager).
        """
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        try:
            env1 = api.Environment(cr1, self.data["user"], {})
            env2 = api.Environment(cr2, self.data["user"], {})
            order1 = env1["sale.order"].browse(self.data["orders"][0])
            order2 = env2["sale.order"].browse(self.data["orders"][1])
            self.assertEqual(order1.credit_rule, "ok")
            self.assertEqual(order2.credit_rule, "ok", "each order fits the limit alone")
            order1.action_confirm()
            with self.assertRaises(errors.LockNotAvailable), mute_logger("odoo.sql_db"):
                order2.action_confirm()
            cr2.rollback()
            cr1.commit()
            env2.invalidate_all()
            self.assertEqual(order2.credit_rule, "over_limit")
            with self.assertRaisesRegex(UserError, "general manager"):
                order2.action_confirm()
            cr2.rollback()
            self.assertEqual(order2.state, "draft")
        finally:
            cr1.close()
            cr2.close()

    def test_contended_customer_lock_tells_the_user_once_no_retry_follows(self):
        """CT-4/X-6: a customer lock held by another transaction ends in a clear UserError.

        Odoo's request loop retries the lock conflict (the first tries raise the retryable lock
        error); the try that exhausts the retries, and a scheduled job (never retried), get a
        message naming the customer, the rule and what to do.
        """
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        cr3 = self.registry.cursor()
        try:
            order1 = api.Environment(cr1, self.data["user"], {})["sale.order"].browse(self.data["orders"][0])
            env2 = api.Environment(cr2, self.data["user"], {})
            order2 = env2["sale.order"].browse(self.data["orders"][1])
            # The other salesperson's confirmation holds the customer until it commits.
            order1.action_confirm()
            attempts = []

            def confirm():
                attempts.append(order2.id)
                return order2.action_confirm()

            # The request loop itself, without its random back-off sleeps so that the test stays fast.
            with (
                patch.object(service_model, "time", SimpleNamespace(sleep=lambda _seconds: None)),
                self.assertRaises(UserError) as refusal,
            ):
                service_model.retrying(confirm, env2)
            # The request ends there: its transaction is rolled back.
            cr2.rollback()
            # Every try but the last met the retryable lock error (the loop retries nothing else).
            self.assertEqual(len(attempts), service_model.MAX_TRIES_ON_CONCURRENCY_FAILURE)
            message = refusal.exception.args[0]
            self.assertIn("Race customer", message)
            self.assertIn("one at a time", message)
            self.assertIn("Try again in a moment", message)

            # A scheduled job is not retried: its first conflict already explains itself. Odoo runs
            # a job with its id in the context.
            env3 = api.Environment(cr3, SUPERUSER_ID, {})
            env3 = env3(context={"cron_id": env3.ref("sales_credit_tier.ir_cron_credit_reclassification").id})
            with self.assertRaisesRegex(UserError, "Race customer.*one at a time"):
                env3["sale.order"].browse(self.data["orders"][1]).action_confirm()
            cr3.rollback()

            # Once the first confirmation is done, the customer is free again (and over its limit).
            cr1.commit()
            env2.invalidate_all()
            self.assertEqual(order2.state, "draft")
            self.assertEqual(order2.credit_rule, "over_limit")
        finally:
            cr1.close()
            cr2.close()
            cr3.close()
