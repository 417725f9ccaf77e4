// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Focus goes to what the last action did: its errors, else its result (the messages, what was read from a
  // missiv), so keyboard and screen-reader users hear it instead of starting over at the top of the page.
  const result = document.getElementById("error-summary") || document.querySelector("[data-result]");
  if (result) result.focus({preventScroll: Boolean(window.location.hash) && result.id !== "error-summary"});
  // A table that scrolls sideways (phones) must be reachable by keyboard and named (WCAG 2.1.1).
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) return;
    const caption = wrap.querySelector("caption");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabell");
  });
  // Without JavaScript the browser's own print command is there; the button is shown only when it works.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) =>
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    }));
  // The handläggare field follows the chosen nämnd: its handläggare, or a name-or-e-mail field when they are many.
  const namnd = document.getElementById("f-namnd_id");
  if (namnd) namnd.addEventListener("change", async () => {
    const field = namnd.form && namnd.form.querySelector("[data-handlaggare-field]");
    if (!field || !namnd.value) return;
    const typed = field.querySelector("input[name=handlaggare]");
    const query = new URLSearchParams({namnd_id: namnd.value, handlaggare: typed ? typed.value : ""});
    const response = await fetch(`${field.dataset.url}?${query}`, {credentials: "same-origin"});
    if (!response.ok) return;
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();
    const fresh = holder.firstElementChild;
    if (!fresh || fresh.isEqualNode(field)) return;
    const focused = field.contains(document.activeElement);
    field.replaceWith(fresh);
    if (focused) fresh.querySelector("select, input").focus();  // keyboard users stay where they were
  });
});
