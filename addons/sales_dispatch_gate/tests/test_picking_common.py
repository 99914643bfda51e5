# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from .common import DispatchCase


class ShipCase(DispatchCase):
    """Deliveries of confirmed orders validated by the warehouse keeper (helpers of DG-5 to DG-10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The accounting test base switches tracking off; the signatures on deliveries are tracked.
        cls.env = cls.env(context=dict(cls.env.context, mail_notrack=False))

    def open_delivery(self, order):
        # Superuser: the test's own user is an accountant without warehouse rights; roles act with with_user().
        return order.sudo().picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
        )

    def ship(self, order, qty=None, role="warehouse", backorder=True):
        """The warehouse keeper sets the quantities and validates the open delivery of ``order``."""
        picking = self.open_delivery(order).with_user(self.users[role])
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if qty is None else qty
        picking.move_ids.picked = True
        if backorder:
            picking.with_context(skip_backorder=True).button_validate()
        else:
            picking.with_context(skip_backorder=True, picking_ids_not_to_backorder=picking.ids).button_validate()
        return picking.sudo()

    def attachment(self, name, role, res_model="stock.picking", res_id=0):
        """A scanned document uploaded by ``role`` on the record."""
        return (
            self.env["ir.attachment"]
            .with_user(self.users[role])
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 scan"),
                    "res_model": res_model,
                    "res_id": res_id,
                }
            )
        )

    def shipped_order(self, customer=None, qty=10.0):
        """An order whose delivery left under an approved notice."""
        customer = customer or self.make_customer("绍兴柯桥纺织有限公司", grade="b", limit=100000.0)
        order = self.confirmed_order(customer, qty=qty)
        notice = self.approved_notice(order)
        picking = self.ship(order)
        return order, notice, picking
