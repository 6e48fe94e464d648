// Small progressive enhancements; every page works without this file. Confirmations are asked in
// the page (templates/includes/confirm_form.html), never with a browser dialog.
