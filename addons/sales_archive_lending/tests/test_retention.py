# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import ArchiveCase


@tagged("post_install", "-at_install")
class TestRetention(ArchiveCase):
    def test_every_document_type_has_a_retention_rule(self):
        """AL-1: the schedule covers every sub-type: permanent ones and N years after a trigger."""
        rules = self.env["sales.retention.rule"].search([])
        by_code = {rule.type_id.code: rule.trigger for rule in rules}
        for code in ("customer_basic", "customer_needs", "complaint", "repair", "return_visit"):
            self.assertEqual(by_code[code], "permanent", code)
        self.assertEqual(by_code["credit_file"], "relationship_end")
        self.assertEqual(by_code["contract"], "contract_fulfilled")
        self.assertEqual(by_code["contract_change"], "contract_fulfilled")
        self.assertEqual(by_code["quotation"], "quotation_expired")
        self.assertEqual(by_code["quotation_approval"], "quotation_expired")
        self.assertEqual(by_code["order"], "order_completed")
        self.assertEqual(by_code["order_tracking"], "order_completed")
        self.assertEqual(by_code["delivery_note"], "shipped")
        self.assertEqual(by_code["delivery_receipt"], "shipped")
        self.assertFalse(self.env["sales.document.type"].search([("id", "not in", rules.type_id.ids)]))

    def test_quotation_is_kept_years_after_its_validity_and_follows_it(self):
        """AL-1: a quotation's retain-until date is its validity end plus the company's years, and moves with it."""
        order = self._quotation(validity_date=date(2026, 3, 31))
        document = self._document(order)
        self.assertEqual(document.retention_rule_id.trigger, "quotation_expired")
        self.assertEqual(document.retention_trigger_date, date(2026, 3, 31))
        self.assertEqual(document.retain_until, date(2029, 3, 31))
        order.with_user(self.users["specialist"]).validity_date = date(2026, 6, 30)
        self.assertEqual(document.retain_until, date(2029, 6, 30))
        self.company.sales_retention_years = 10
        document.retention_rule_id.with_user(self.users["archivist"]).years = 7
        self.assertEqual(document.retain_until, date(2033, 6, 30))

    def test_install_gives_the_registered_documents_their_retention(self):
        """AL-1: installed where the register already holds documents, the module sets their rule and dates at
        once instead of at the next run of the retention job."""
        document = self._document(self._quotation(validity_date=date(2026, 3, 31)))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_document SET retention_rule_id = NULL, retention_trigger_date = NULL, retain_until = NULL "
            "WHERE id = %s",
            [document.id],
        )
        self.env.invalidate_all()
        self.assertFalse(document.retention_rule_id)
        post_init_hook(self.env)
        self.assertEqual(document.retention_rule_id.trigger, "quotation_expired")
        self.assertEqual(document.retain_until, date(2029, 3, 31))

    def test_default_years_in_settings_move_the_documents_that_use_them(self):
        """AL-1: changing only the company's default retention years (Settings) moves the retain-until date
        of every document whose rule uses the default; a rule with its own years keeps its dates."""
        quotation = self._quotation(validity_date=date(2026, 3, 31))
        document = self._document(quotation)
        self.assertFalse(document.retention_rule_id.years)
        self.assertEqual(document.retain_until, date(2029, 3, 31))
        contract = self._confirmed(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        contract_document = self._document(contract)
        contract_document.retention_rule_id.with_user(self.users["archivist"]).years = 4
        self.assertEqual(contract_document.retain_until, date(2030, 12, 31))
        # Only an administrator opens Settings; only the company value changes, not the rule.
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.users["archivist"]).create({"sales_retention_years": 10})
        admin = self.env.ref("base.user_admin")
        self.env["res.config.settings"].with_user(admin).create({"sales_retention_years": 10}).execute()
        self.assertEqual(self.company.sales_retention_years, 10)
        self.assertEqual(document.retain_until, date(2036, 3, 31))
        self.assertEqual(contract_document.retain_until, date(2030, 12, 31))
        # Lowering it again brings the date back: the job would otherwise propose the wrong documents.
        self.company.sales_retention_years = 2
        self.assertEqual(document.retain_until, date(2028, 3, 31))
        self.assertIn(document, self.env["sales.document"].search([("retain_until", "=", date(2028, 3, 31))]))

    def test_contract_and_its_changes_run_from_the_contract_end(self):
        """AL-1: a contract and its change records are kept N years after the contract is fulfilled."""
        contract = self._confirmed(sales_contract_start=date(2026, 1, 1), sales_contract_end=date(2026, 12, 31))
        document = self._document(contract)
        self.assertEqual(document.type_id.code, "contract")
        self.assertEqual(document.retain_until, date(2029, 12, 31))
        amendment = self.as_role("specialist", "sales.contract.amendment").create(
            {"order_id": contract.id, "amendment_type": "other", "reason": "Delivery date moved"}
        )
        self.assertEqual(self._document(amendment).retain_until, date(2029, 12, 31))
        contract.with_user(self.users["gm"]).sales_contract_end = date(2027, 6, 30)
        self.assertEqual(document.retain_until, date(2030, 6, 30))
        self.assertEqual(self._document(amendment).retain_until, date(2030, 6, 30))

    def test_order_retention_starts_when_the_receipt_is_signed(self):
        """AL-1: an order is retained with no end until it is completed (receipt signed), then N years."""
        order = self._confirmed()
        document = self._document(order)
        self.assertEqual(document.type_id.code, "order")
        self.assertEqual(document.retention_state, "pending")
        self.assertFalse(document.retain_until)
        order._sales_record_event("signed", date=date(2026, 5, 4))
        self.assertEqual(document.retain_until, date(2029, 5, 4))
        self.assertEqual(document.retention_state, "retained")

    def test_shipment_starts_the_retention_of_records_kept_from_the_shipment(self):
        """AL-1: a sub-type kept from the shipment runs from the order's last shipment (an order event, as the
        dispatch module records it) and moves with a later shipment. The delivery notes and receipts themselves
        are registered by sales_dispatch_gate, whose tests cover their trigger dates."""
        self.env.ref("sales_archive_lending.retention_rule_order").with_user(
            self.users["archivist"]
        ).trigger = "shipped"
        order = self._confirmed()
        document = self._document(order)
        self.assertEqual(document.retention_rule_id.trigger, "shipped")
        self.assertEqual(document.retention_state, "pending")
        order._sales_record_event("shipped", date=datetime(2026, 4, 10, 9))
        self.assertEqual(document.retention_trigger_date, date(2026, 4, 10))
        self.assertEqual(document.retain_until, date(2029, 4, 10))
        order._sales_record_event("shipped", date=datetime(2026, 5, 2, 9))
        self.assertEqual(document.retain_until, date(2029, 5, 2))
        # A signed receipt is another trigger: it does not move a date kept from the shipment.
        order._sales_record_event("signed", date=datetime(2026, 6, 1, 9))
        self.assertEqual(document.retain_until, date(2029, 5, 2))

    def test_relationship_end_starts_the_retention_and_permanent_never_expires(self):
        """AL-1: customer files are permanent; a rule on the relationship end runs from the customer's archiving."""
        document = self._customer_file()
        self.assertEqual(document.retention_state, "permanent")
        with freeze_time("2090-01-01"):
            self.assertEqual(document.with_context(date=None).retention_state, "permanent")
        rule = document.retention_rule_id
        rule.with_user(self.users["archivist"]).trigger = "relationship_end"
        self.assertEqual(document.retention_state, "pending")
        with freeze_time("2026-02-01"):
            self.customer.action_archive()
        self.assertEqual(self.customer.sales_relationship_end, date(2026, 2, 1))
        self.assertEqual(document.retain_until, date(2029, 2, 1))

    def test_scheduled_refresh_picks_up_triggers_and_is_idempotent(self):
        """AL-1: the daily job starts the retention of documents whose trigger happened elsewhere, once."""
        order = self._confirmed()
        document = self._document(order)
        # An event recorded without the ORM hook (e.g. imported): the job catches up.
        self.env.cr.execute(
            "INSERT INTO sales_order_event (order_id, event, date, create_date, write_date) "
            "VALUES (%s, 'signed', '2026-04-01', now(), now())",
            [order.id],
        )
        order.invalidate_recordset(["sales_event_ids"])
        self.env["sales.document"]._cron_refresh_retention()
        self.assertEqual(document.retain_until, date(2029, 4, 1))
        # Set-based: one search, then at most two queries per model with pending documents (the other
        # modules installed may register some), however many documents there are; nothing is written again.
        pending = self.env["sales.document"].search(
            [("record_deleted", "=", False), ("retention_permanent", "=", False), ("retain_until", "=", False)]
        )
        with self.assertQueryCount(1 + 2 * len(set(pending.mapped("res_model")))):
            self.env["sales.document"]._cron_refresh_retention()

    def test_past_retention_is_searchable(self):
        """AL-1: documents past retention are found by their retention state."""
        order = self._quotation(validity_date=date(2020, 1, 31))
        document = self._document(order)
        expired = self.env["sales.document"].search([("retention_state", "=", "expired")])
        self.assertIn(document, expired)
        self.assertNotIn(document, self.env["sales.document"].search([("retention_state", "=", "retained")]))
        self.assertEqual(document.retention_state, "expired")

    def test_schedule_is_kept_by_the_archivist(self):
        """AL-1 / X-5: the archivist edits the schedule; a specialist reads it; the gate guard sees nothing."""
        rule = self.env.ref("sales_archive_lending.retention_rule_quotation")
        self.assertTrue(rule.with_user(self.users["specialist"]).trigger)
        with self.assertRaises(AccessError):
            rule.with_user(self.users["specialist"]).years = 1
        with self.assertRaises(AccessError):
            rule.with_user(self.users["guard"]).read(["trigger"])
        rule.with_user(self.users["archivist"]).years = 8
        self.assertEqual(rule.years, 8)
