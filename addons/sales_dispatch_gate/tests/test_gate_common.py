# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import DispatchCase

PLATE = "浙G·12345"


class GateCase(DispatchCase):
    """Gate passes issued for validated deliveries of approved dispatch notices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = cls.users["guard"]
        # The test user is an accountant: the tests read the passes as the system, and act as the roles.
        cls.Pass = cls.env["sales.gate.pass"].sudo()
        cls.GuardPass = cls.Pass.with_user(cls.guard)

    def issue_pass(self, qty=10.0, notice=None, plate=PLATE, customer_name="绍兴柯桥纺织有限公司"):
        """A delivery of an approved notice, validated, with its gate pass.

        The pass is issued here as the picking validation does (``_sales_issue_for_pickings``),
        unless the validation of the delivery already issued it.
        """
        if not notice:
            customer = self.make_customer(customer_name, grade="b", limit=100000.0)
            notice = self.approved_notice(self.confirmed_order(customer, qty=qty), vehicle_plate=plate)
        picking = self.deliver(notice.order_id, qty)
        gate_pass = self.Pass.search([("picking_id", "=", picking.id)])
        return gate_pass or self.Pass._sales_issue_for_pickings([(picking, notice)])
