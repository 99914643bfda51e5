# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class SalesDevelopmentLog(models.Model):
    """CT-10: the development log (潜在客户开发登记): the activities done on leads.

    A read-only view over the chatter: marking an activity done on a lead posts a message with
    the "Activities" subtype, so the log needs no second bookkeeping by the specialist.
    """

    _name = "sales.development.log"
    _description = "Customer Development Log"
    _auto = False
    _order = "date desc, id desc"

    lead_id = fields.Many2one("crm.lead", string="Lead/Opportunity", readonly=True)
    user_id = fields.Many2one("res.users", string="Specialist", readonly=True)
    date = fields.Datetime(readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The specialist is the internal user of the message author (the lowest id when a
        # partner has several users); leads of archived users keep their rows.
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT m.id AS id,
                       m.res_id AS lead_id,
                       author.user_id AS user_id,
                       m.date AS date,
                       m.mail_activity_type_id AS activity_type_id,
                       lead.company_id AS company_id
                  FROM mail_message m
                  JOIN crm_lead lead ON lead.id = m.res_id
                  JOIN ir_model_data subtype
                    ON subtype.res_id = m.subtype_id
                   AND subtype.model = 'mail.message.subtype'
                   AND subtype.module = 'mail'
                   AND subtype.name = 'mt_activities'
                  LEFT JOIN LATERAL (
                      SELECT u.id AS user_id FROM res_users u WHERE u.partner_id = m.author_id ORDER BY u.id LIMIT 1
                  ) author ON TRUE
                 WHERE m.model = 'crm.lead'
                   AND m.message_type = 'notification'
            )
            """,
                SQL.identifier(self._table),
            )
        )
