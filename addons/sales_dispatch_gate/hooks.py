# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DC-8/DG-6: the deliveries a company shipped before the install are delivery notes of the register."""


def post_init_hook(env):
    env["stock.picking"]._sales_register_existing()
