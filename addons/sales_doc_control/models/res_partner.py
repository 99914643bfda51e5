# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SOURCE_CHANNELS = [
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("web", "Web and social media"),
    ("third_party", "Third-party data"),
    ("market_research", "Market research"),
    ("customer", "Submitted by the customer"),
]
# DC-10: what a complete customer profile holds (客户基本资料).
PROFILE_FIELDS = ("name", "contact", "phone", "address", "business scope", "industry")


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "sales.document.mixin"]
    _sales_document_fields = ("name", "customer_rank", "user_id", "parent_id", "is_company", "company_id")

    sales_source_channel = fields.Selection(SOURCE_CHANNELS, string="Information Source", tracking=True)
    sales_business_scope = fields.Text(string="Business Scope")
    sales_profile_completeness = fields.Integer(
        string="Profile Completeness (%)",
        compute="_compute_sales_profile_completeness",
        help="Name, contact, phone, address, business scope and industry of the customer.",
    )
    sales_profile_missing = fields.Char(string="Missing", compute="_compute_sales_profile_completeness")
    sales_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_sales_duplicate_ids",
        help="Existing customers with the same name, tax ID or phone.",
    )
    sales_need_ids = fields.One2many("sales.customer.need", "partner_id", string="Needs")

    @api.depends(
        "name", "child_ids", "email", "phone", "mobile", "street", "city", "sales_business_scope", "industry_id"
    )
    def _compute_sales_profile_completeness(self):
        """DC-10: the share of the profile's six items that are filled in."""
        labels = {
            "name": self.env._("name"),
            "contact": self.env._("contact"),
            "phone": self.env._("phone"),
            "address": self.env._("address"),
            "business scope": self.env._("business scope"),
            "industry": self.env._("industry"),
        }
        for partner in self:
            filled = {
                "name": bool(partner.name),
                "contact": bool(partner.child_ids.filtered(lambda c: c.type == "contact") or partner.email),
                "phone": bool(partner.phone or partner.mobile),
                "address": bool(partner.street and partner.city),
                "business scope": bool(partner.sales_business_scope),
                "industry": bool(partner.industry_id),
            }
            partner.sales_profile_completeness = round(100 * sum(filled.values()) / len(PROFILE_FIELDS))
            partner.sales_profile_missing = ", ".join(labels[key] for key in PROFILE_FIELDS if not filled[key])

    @api.depends("name", "vat", "phone", "mobile")
    def _compute_sales_duplicate_ids(self):
        """DC-10: customers matching by name, tax ID or phone (one search per partner shown)."""
        for partner in self:
            partner.sales_duplicate_ids = partner._sales_find_duplicates()

    def _sales_find_duplicates(self):
        self.ensure_one()
        clauses = []
        if self.name and self.name.strip():
            clauses.append([("name", "=ilike", self.name.strip())])
        if self.vat:
            clauses.append([("vat", "=", self.vat)])
        for number in {self.phone, self.mobile} - {False, None, ""}:
            clauses.append(["|", ("phone", "=", number), ("mobile", "=", number)])
        if not clauses:
            return self.browse()
        domain = [("parent_id", "=", False)]
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        domain += ["|"] * (len(clauses) - 1) + [term for clause in clauses for term in clause]
        return self.with_context(active_test=True).search(domain, limit=5)

    @api.model_create_multi
    def create(self, vals_list):
        """DC-10: customers created without the form (quick create, import, other applications)
        get the duplicate warning as a note on the new customer, where whoever opens it sees it."""
        partners = super().create(vals_list)
        if self.env.context.get("install_filename"):
            return partners
        for partner in partners.filtered(lambda p: not p.parent_id):
            duplicates = partner._sales_find_duplicates()
            if duplicates:
                partner.message_post(
                    body=partner._sales_duplicate_message(duplicates),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
        return partners

    def _sales_duplicate_message(self, duplicates):
        return self.env._(
            "%(names)s already exist with the same name, tax ID or phone. Check them before creating a new customer.",
            names=", ".join(duplicates.mapped("display_name")),
        )

    @api.onchange("name", "vat", "phone", "mobile")
    def _onchange_sales_duplicates(self):
        duplicates = self._sales_find_duplicates() if not self.parent_id else self.browse()
        if duplicates:
            return {
                "warning": {
                    "title": self.env._("Possible duplicate customer"),
                    "message": self._sales_duplicate_message(duplicates),
                }
            }
        return None

    @api.model
    def _sales_existing_documents_domain(self):
        # The customers of existing orders are registered with their orders; these are the other customers.
        return [("customer_rank", ">", 0), ("parent_id", "=", False)]

    def _sales_document_type_code(self):
        """DC-8: a customer's file (客户基本资料) once it is a commercial customer."""
        is_customer = self.customer_rank > 0 or self.env.context.get("sales_register_customer")
        return "customer_basic" if is_customer and not self.parent_id else False

    def _increase_rank(self, field, n=1):
        """DC-8: a partner's file is registered when its first sale makes it a customer. Later sales
        change nothing in the file (its name and salesperson follow the partner's writes), so posting
        an invoice of a known customer costs the register nothing (X-7)."""
        new_customers = self.filtered(lambda partner: not partner.customer_rank) if field == "customer_rank" else None
        res = super()._increase_rank(field, n=n)
        if new_customers:
            new_customers._sales_register_documents()
        return res

    def _sales_document_values(self):
        values = super()._sales_document_values()
        values["partner_id"] = self.id
        return values
