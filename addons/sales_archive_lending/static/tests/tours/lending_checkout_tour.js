/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// AL-6 / X-8: the archivist checks an approved lending out, then takes the files back intact.
// The lending is created and approved by the Python test that starts this tour.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_archive_lending_checkout_tour", {
    steps: () => [
        {
            content: "Check the approved files out",
            trigger: ".o_form_view .o_form_statusbar button[name='action_checkout']",
            run: "click",
        },
        {
            content: "The lending is on loan",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='on_loan']",
        },
        {
            content: "Open the return tab",
            trigger: ".o_notebook a.nav-link[name='return']",
            run: "click",
        },
        {
            content: "Record the files as intact",
            trigger: "div[name='return_condition'] select",
            run: 'select "intact"',
        },
        {
            content: "Take the files back",
            trigger: ".o_form_view .o_form_statusbar button[name='action_return']",
            run: "click",
        },
        {
            content: "The lending is returned",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='returned']",
        },
    ],
});
