// Fill an empty time-zone picker with the zone the browser reports, and say so next to it.
// The server checks the value like any other; without this script the field is simply asked for.
(() => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return;
  }
  if (!zone) return;
  document.querySelectorAll('input[data-guess="time-zone"]').forEach((input) => {
    if (input.value) return;
    // The picker shows labels ("Europe/Lisbon — Lisbon, Portugal (UTC+0)"); an alias the list does
    // not hold ("Asia/Calcutta") is sent as it is and the server reads it as the zone it stands for.
    const options = input.list ? Array.from(input.list.options) : [];
    const option = options.find((o) => o.value === zone || o.value.startsWith(`${zone} — `));
    input.value = option ? option.value : zone;
    const note = document.getElementById(`${input.id}_guess`);
    if (note) {
      note.textContent = `We guessed ${zone} from your browser. Change it if it is wrong.`;
      note.hidden = false;
    }
  });
})();
