# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from uuid import uuid4

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


@tagged("post_install", "-at_install")
class TestDispatchConcurrency(TransactionCase):
    """DG-4: two real transactions approving dispatch notices of one customer at the same time."""

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
                "dispatch_control": company.dispatch_control,
            }
            company.write(
                {
                    "sales_quotation_approval": "amount",
                    "sales_quotation_approval_amount": 1e12,
                    "dispatch_control": True,
                }
            )
            # The orders' own approvals are another matter; restored below.
            order_tiers = env["tier.definition"].search([("model", "=", "sale.order")])
            order_tiers.active = False
            self.order_tiers = order_tiers.ids
            tag = uuid4().hex[:8]
            users = {
                role: new_test_user(
                    env, login=f"sdg_race_{role}_{tag}", groups=f"sales_doc_control.group_sales_{group}"
                )
                for role, group in (
                    ("specialist", "specialist"),
                    ("finance", "finance_reviewer"),
                    ("manager", "manager"),
                )
            }
            customer = env["res.partner"].create({"name": "Race dispatch customer", "is_company": True})
            customer.write({"credit_grade": "b", "credit_limit": 1500.0})
            product = env["product.product"].create({"name": "Race yarn", "type": "consu", "list_price": 100.0})
            order = env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "user_id": users["specialist"].id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": 20, "price_unit": 100.0, "tax_id": []}
                        )
                    ],
                }
            )
            order.action_confirm()
            notices = env["sales.dispatch.notice"]
            for _index in range(2):
                notice = notices.with_user(users["specialist"]).create(
                    {
                        "order_id": order.id,
                        "planned_date": fields.Date.add(fields.Date.today(), days=5),
                        "line_ids": [Command.create({"sale_line_id": order.order_line.id, "product_uom_qty": 10})],
                    }
                )
                notice.action_submit()
                notice.with_user(users["finance"]).action_finance_review()
                notice.request_validation()
                notices |= notice
            self.data = {
                "users": {role: user.id for role, user in users.items()},
                "customer": customer.id,
                "product": product.id,
                "order": order.id,
                "notices": notices.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            # The uninstall flag lets this committed test data go where a retention guard
            # (sales_archive_lending) would keep the documents.
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, MODULE_UNINSTALL_FLAG: True})
            # Approved notices refuse deletion through the ORM; this test removes what it committed.
            cr.execute(
                "DELETE FROM tier_review WHERE model = 'sales.dispatch.notice' AND res_id IN %s",
                [tuple(self.data["notices"])],
            )
            cr.execute("DELETE FROM sales_dispatch_notice WHERE id IN %s", [tuple(self.data["notices"])])
            cr.execute("DELETE FROM sales_credit_decision WHERE order_id = %s", [self.data["order"]])
            cr.execute("DELETE FROM sales_violation WHERE person_id IN %s", [tuple(self.data["users"].values())])
            order = env["sale.order"].browse(self.data["order"])
            pickings = order.picking_ids
            order._action_cancel()
            # sales_archive_lending keeps retained documents even from the superuser outside an uninstall:
            # the register rows this test created (the cancellation refreshed them) go first, then its records.
            cr.execute("DELETE FROM sales_document WHERE id > %s", [self.last_document_id])
            pickings.unlink()
            order.unlink()
            env["product.product"].browse(self.data["product"]).unlink()
            users = env["res.users"].browse(list(self.data["users"].values()))
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.execute("DELETE FROM sales_credit_change WHERE partner_id = %s", [self.data["customer"]])
            env["res.partner"].browse(self.data["customer"]).unlink()
            env.company.write(self.policy)
            env["tier.definition"].with_context(active_test=False).browse(self.order_tiers).active = True

    def test_two_notices_fitting_only_one_at_a_time_cannot_both_pass(self):
        """DG-4: approvals of one customer are serialised; the second sees the first as instructed-not-shipped."""
        manager = self.data["users"]["manager"]
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        try:
            notice1 = api.Environment(cr1, manager, {})["sales.dispatch.notice"].browse(self.data["notices"][0])
            env2 = api.Environment(cr2, manager, {})
            notice2 = env2["sales.dispatch.notice"].browse(self.data["notices"][1])
            self.assertEqual((notice1.credit_result, notice2.credit_result), ("within", "within"))
            notice1.validate_tier()
            self.assertEqual(notice1.state, "approved")
            with self.assertRaises(errors.LockNotAvailable), mute_logger("odoo.sql_db"):
                notice2.validate_tier()
            cr2.rollback()
            cr1.commit()
            env2.invalidate_all()
            with self.assertRaisesRegex(UserError, "can no longer be approved"):
                notice2.validate_tier()
            cr2.rollback()
            env2.invalidate_all()
            self.assertEqual(notice2.state, "reviewed")
            customer = env2["res.partner"].browse(self.data["customer"])
            self.assertAlmostEqual(customer._get_credit_exposure()["instructed_not_shipped"], 1000.0)
        finally:
            cr1.close()
            cr2.close()
