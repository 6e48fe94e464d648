// Small progressive enhancements; every page works without this file. Confirmations are asked in
// the page (templates/includes/confirm_form.html), never with a browser dialog.

// Disclosure menus (the workspace switcher, the phone menu) are <details>: they open and close
// without this file; with it they also close on Escape, innermost first (focus goes back to the
// summary), and when a click lands outside them.
const MENUS = "details.dropdown[open], details.nav-menu[open]";

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = [...document.querySelectorAll(MENUS)];
  // The innermost open menu: the switcher before the phone menu that holds it.
  const menu = open.find((details) => !open.some((other) => other !== details && details.contains(other)));
  if (!menu) return;
  menu.open = false;
  menu.querySelector("summary").focus();
  event.preventDefault();
});

document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll(MENUS)) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
