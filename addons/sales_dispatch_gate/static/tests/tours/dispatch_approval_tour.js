/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// DG-3 / X-8: the sales manager reads finance's review on a dispatch notice and approves it.
// The notice is drafted, reviewed by finance and submitted for approval by the Python test.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_dispatch_approval_tour", {
    steps: () => [
        {
            content: "The notice waits for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='reviewed']",
        },
        {
            content: "Open finance's review",
            trigger: ".o_notebook a.nav-link[name='finance']",
            run: "click",
        },
        {
            content: "Finance found the customer within the limit",
            trigger: "div[name='credit_result']:contains('Within Limit')",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='validate_tier']",
            run: "click",
        },
        {
            content: "The notice is released to the warehouse",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
