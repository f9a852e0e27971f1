/*
 * Behaviour of plain HTML elements that would otherwise need inline handlers, which the
 * Content-Security-Policy forbids (script-src without 'unsafe-inline'): delegated from the document,
 * so it also works for elements a later request puts on the page.
 *   data-ql-autosubmit  on a select: submit its form when the choice changes
 *   data-ql-fullscreen  on a button: show the live board in full screen (live.js)
 */
(function () {
    'use strict';
    document.addEventListener('change', function (event) {
        var el = event.target;
        if (el && el.hasAttribute && el.hasAttribute('data-ql-autosubmit') && el.form) {
            el.form.submit();
        }
    });
    document.addEventListener('click', function (event) {
        var el = event.target && event.target.closest ? event.target.closest('[data-ql-fullscreen]') : null;
        if (el && window.QueueLens && window.QueueLens.live && window.QueueLens.live.fullscreen) {
            window.QueueLens.live.fullscreen();
        }
    });
})();
