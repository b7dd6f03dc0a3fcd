use yew::prelude::*;

/// The accessibility statement: what the app aims for, how it is checked, what is known not to
/// work yet, and how to get help.
#[component]
pub fn AccessibilityPage() -> Html {
    html! {
        <>
            <h1 class="app-heading-l" id="page-heading" tabindex="-1">{ "Accessibility statement" }</h1>
            <p class="app-body-l">{ "We want as many people as possible to be able to use this app, including parents, carers and young people reviewing a plan." }</p>

            <h2 class="app-heading-m">{ "What you can do" }</h2>
            <ul class="app-list app-list--bullet">
                <li>{ "Use every part with a keyboard alone: a \u{201c}Skip to main content\u{201d} link comes first, and focus moves to the heading of each new page and to any list of problems." }</li>
                <li>{ "Zoom text to 200% or more; the pages reflow to one column on narrow screens." }</li>
                <li>{ "Use a screen reader: headings, labels, tables with header cells and status messages are marked up for it." }</li>
                <li>{ "Read status as words: every status and problem is written out, never shown by colour alone." }</li>
                <li>{ "Download the plan in easy read, with large type and short sentences, and the other documents as web pages, Word or OpenDocument files with real headings." }</li>
            </ul>

            <h2 class="app-heading-m">{ "How we check" }</h2>
            <p>{ "Every page, and pages with errors, conflicts and results showing, is checked against the Web Content Accessibility Guidelines (WCAG) 2.2 at levels A and AA with the axe-core checker in an automated browser each time the app's tests run. The tests also use the keyboard for the main tasks." }</p>

            <h2 class="app-heading-m">{ "Known limits" }</h2>
            <ul class="app-list app-list--bullet">
                <li>{ "Automated checks find only some problems. The app has not yet been tested by an accessibility auditor or with disabled users." }</li>
                <li>{ "Dates use the browser's own date picker, which some screen readers announce differently from the three separate boxes on GOV.UK services." }</li>
                <li>{ "Long lists of spreadsheet findings show the first 100 per list on screen; the downloads hold all of them." }</li>
            </ul>

            <h2 class="app-heading-m">{ "Tell us about a problem" }</h2>
            <p>{ "If something does not work for you, tell the person in your partnership who looks after this app, or report it on the project's issue tracker. Nothing you tell us is needed from this app: it sends nothing itself." }</p>
            <p class="app-hint">{ "Statement prepared on 23 November 2026." }</p>
        </>
    }
}
