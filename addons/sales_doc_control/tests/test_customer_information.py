# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from .common import SalesControlCase


class TestCustomerInformation(SalesControlCase):
    def test_profile_completeness(self):
        """DC-10: completeness counts name, contact, phone, address, business scope and industry."""
        partner = self.env["res.partner"].create({"name": "SCT Jiaxing Weaving", "is_company": True})
        self.assertEqual(partner.sales_profile_completeness, 17)
        self.assertIn("business scope", partner.sales_profile_missing)
        partner.write(
            {
                "email": "buyer@weaving.example.com",
                "phone": "0573-1234567",
                "street": "8 Canal Road",
                "city": "Jiaxing",
                "sales_business_scope": "Weaving of polyester fabrics",
                "industry_id": self.env["res.partner.industry"].create({"name": "SCT Weaving"}).id,
            }
        )
        self.assertEqual(partner.sales_profile_completeness, 100)
        self.assertFalse(partner.sales_profile_missing)

    def test_duplicate_warning_by_name_tax_id_or_phone(self):
        """DC-10: a new customer matching an existing one by name, tax ID or phone is flagged."""
        existing = self.env["res.partner"].create(
            {"name": "SCT Shaoxing Dyeing", "is_company": True, "vat": "91330600MA2BXXXX1", "phone": "0575-7777777"}
        )
        form = Form(self.env["res.partner"].with_user(self.users["specialist"]))
        form.name = "sct shaoxing dyeing"
        self.assertIn(existing, form.sales_duplicate_ids)
        by_phone = self.env["res.partner"].new({"name": "Other name", "phone": "0575-7777777"})
        self.assertEqual(by_phone._sales_find_duplicates(), existing)
        by_vat = self.env["res.partner"].new({"name": "Third name", "vat": "91330600MA2BXXXX1"})
        self.assertEqual(by_vat._sales_find_duplicates(), existing)
        warning = by_vat._onchange_sales_duplicates()
        self.assertIn("SCT Shaoxing Dyeing", warning["warning"]["message"])
        self.assertFalse(self.env["res.partner"].new({"name": "Unique Name 4711"})._sales_find_duplicates())

    def test_needs_record_and_source_follow_the_lead(self):
        """DC-10: the lead's information source and needs records pass to the customer; needs are registered."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.users["specialist"])
            .create(
                {
                    "name": "SCT staple fibre inquiry",
                    "partner_name": "SCT Ningbo Nonwovens",
                    "sales_source_channel": "visit",
                }
            )
        )
        need = (
            self.env["sales.customer.need"]
            .with_user(self.users["specialist"])
            .create({"name": "Needs 1.5D fibre", "lead_id": lead.id, "need": "1.5D x 38mm", "purchase_intent": "high"})
        )
        lead._handle_partner_assignment(create_missing=True)
        customer = lead.partner_id
        self.assertEqual(customer.sales_source_channel, "visit")
        self.assertEqual(need.partner_id, customer)
        document = self.env["sales.document"].search([("res_model", "=", need._name), ("res_id", "=", need.id)])
        self.assertEqual(document.type_id.code, "customer_needs")
