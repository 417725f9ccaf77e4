// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Focus goes to what the last action did: its errors, else its result (the messages, what was read from a
  // missiv), so keyboard and screen-reader users hear it instead of starting over at the top of the page.
  // After an action that returns to a part of a page (/remisser/6#yttrande), its message is shown there, under
  // that part's heading, rather than at the top of a long page where nobody sees it.
  const messages = document.getElementById("messages");
  const part = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (messages && part && !part.contains(messages) && !messages.contains(part)) {
    const heading = part.querySelector("h2, h3");
    if (heading && part.contains(heading)) heading.after(messages); else part.prepend(messages);
  }
  const result = document.getElementById("error-summary") || document.querySelector("[data-result]");
  const focusResult = () => result.focus({preventScroll: Boolean(part) && result.id !== "error-summary"
                                          && result !== messages});
  if (result) {
    focusResult();
    // Going to the #part moves focus to the page itself once loaded (Chromium): give it back to the result.
    if (part) window.addEventListener("load", () => setTimeout(() => {
      if (document.activeElement === document.body) focusResult();
    }));
  }
  // The Administration menu opens and closes without this; here Escape closes it (focus back on its summary) and
  // so does a click elsewhere, as a menu is expected to.
  document.querySelectorAll("details.nav-more").forEach((menu) => {
    menu.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
    document.addEventListener("click", (event) => { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  });
  // A table that scrolls sideways (phones) must be reachable by keyboard and named (WCAG 2.1.1).
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) return;
    const caption = wrap.querySelector("caption");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabell");
  });
  // Without JavaScript the browser's own print command is there; the button is shown only when it works.
  // Printing opens the closed "Läs yttrandet" (browsers without ::details-content) and closes it again after.
  let openedForPrint = [];
  window.addEventListener("beforeprint", () => {
    openedForPrint = [...document.querySelectorAll("details.draft-reading:not([open])")];
    openedForPrint.forEach((details) => { details.open = true; });
  });
  window.addEventListener("afterprint", () => {
    openedForPrint.forEach((details) => { details.open = false; });
    openedForPrint = [];
  });
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
  // Registering: the Sändlista hint says what happens to new names in the direction chosen (only outgoing
  // remisser add them to the register of remissinstanser).
  const direction = document.getElementById("f-direction");
  const sandlista = document.getElementById("f-sandlista");
  const sandlistaHint = document.getElementById("h-sandlista");
  if (direction && sandlista && sandlistaHint && sandlista.dataset.hintInkommande) {
    direction.addEventListener("change", () => {
      sandlistaHint.textContent = direction.value === "utgaende" ? sandlista.dataset.hintUtgaende
        : sandlista.dataset.hintInkommande;
    });
  }
  // A file over the per-file limit is refused before the form is sent, so nothing typed is lost (the server
  // checks again and keeps the fields too).
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach((input) => {
    if (input.form) input.form.addEventListener("submit", (event) => {
      const limit = Number(input.dataset.maxBytes);
      const big = Array.from(input.files || []).filter((file) => file.size > limit);
      let error = document.getElementById(`${input.id}-size`);
      if (!big.length) {
        if (error) error.remove();
        return;
      }
      event.preventDefault();
      if (!error) {
        error = document.createElement("p");
        error.id = `${input.id}-size`;
        error.className = "field-error";
        error.setAttribute("role", "alert");
        input.before(error);
      }
      const size = (bytes) => `${(bytes / 1048576).toFixed(1).replace(".", ",")} MB`;
      error.textContent = big.map((file) => `${file.name} är ${size(file.size)}; högst ` +
                                             `${Math.floor(limit / 1048576)} MB per fil.`).join(" ") +
        " Välj en mindre fil, eller lägg till den på remissens sida efteråt.";
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${error.id}`.trim());
      input.focus();
    });
  });
  // One question per action (walk23 W6): a click made before the form's last question was answered (a
  // double-click's second click waits behind the dialog) or while the form is on its way asks nothing and sends
  // nothing. An event's timeStamp is when it was made, so a click queued behind the dialog is told from a new one.
  let lastInputAt = -1;
  for (const type of ["click", "keydown"]) {
    document.addEventListener(type, (event) => { lastInputAt = event.timeStamp; }, true);
  }
  // A question that depends on the date typed (walk29 A3, Förläng och meddela): data-confirm-after holds
  // [moment, question] pairs in order, and the last whose moment ("2027-02-05T12:00") lies before the typed date
  // and klockslag is asked – or one marked [moment, question, "="] when the typed moment is exactly that one (an
  // anstånd to the same time, walk29b B4); without a date that can be read, the form's own question, which hedges.
  // The klockslag is read as the server reads it (calendar/swedish.py parse_time): "12.00", "12:00", "12,00",
  // "kl 13", "klockan 13", "13", "0930" (session 31 #3: "kl 13" got the hedging question).
  const clockOf = (text) => {
    const found = /^(?:kl(?:\.|ockan)?\s*)?(?:(\d{1,2})(?:[:.,](\d{2}))?|(\d{2})(\d{2}))$/i.exec(text);
    const [hour, minute] = found ? [found[1] || found[3], found[2] || found[4] || "00"] : [];
    return hour < 24 && minute < 60 ? `${hour.padStart(2, "0")}:${minute}` : null;
  };
  const questionFor = (form) => {
    const variants = JSON.parse(form.dataset.confirmAfter || "[]");
    const day = ((form.elements.until_on || {}).value || "").trim();
    const time = ((form.elements.until_time || {}).value || "").trim();
    const clock = time ? clockOf(time) : "23:59";
    if (!variants.length || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !clock) return form.dataset.confirm;
    const typed = `${day}T${clock}`;
    let question = form.dataset.confirm;
    for (const [after, said, exact] of variants) if (exact ? after === typed : after < typed) question = said;
    return question;
  };
  document.querySelectorAll("form[data-confirm]").forEach((form) =>
    form.addEventListener("submit", (event) => {
      const sending = Date.now() - Number(form.dataset.sentAt || 0) < 3000;  // set below, when it went
      if (sending || lastInputAt <= Number(form.dataset.answeredAt || -1)) {
        event.preventDefault();
        return;
      }
      const yes = window.confirm(questionFor(form));
      form.dataset.answeredAt = String(performance.now());
      if (!yes) event.preventDefault();
      else for (const name of (form.dataset.confirmed || "").split(" ").filter(Boolean)) {
        // what the question confirms is sent only now, when the user has said yes (walk20 H11)
        if (form.elements[name]) continue;
        const yes = Object.assign(document.createElement("input"), {type: "hidden", name, value: "1"});
        form.append(yes);
      }
    }));
  // A double-click sends a form once: a second submit of the same form within a few seconds is dropped (the
  // server answers a second sending with what the first did anyway). The button is not disabled, so its own name
  // and value still go with the first sending; after a few seconds (a download, no new page) it works again.
  // Listened for on the document, after the form's own listeners (the questions above) have had their say.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    const sentAt = Number(form.dataset.sentAt || 0);
    if (Date.now() - sentAt < 3000) event.preventDefault();
    else form.dataset.sentAt = String(Date.now());
  });
  // Back to a page kept in the browser's cache: its forms may be sent again at once.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) document.querySelectorAll("form[data-sent-at]").forEach((form) => delete form.dataset.sentAt);
  });
  // Registering: say while the form is filled in that the remittent's diarienummer or the title is already
  // registered, with links (GET /api/v1/remisser/mojliga-dubbletter). Sending the form asks again.
  const live = document.getElementById("duplicate-live");
  const typed = live && ["sender_dnr", "title"].map((name) => live.closest("form").elements[name]);
  let asked = "", timer = null;
  const checkDuplicates = async () => {
    const query = new URLSearchParams({sender_dnr: typed[0].value.trim(), title: typed[1].value.trim()}).toString();
    if (query === asked) return;
    asked = query;
    const response = await fetch(`${live.dataset.url}?${query}`, {credentials: "same-origin"});
    if (!response.ok || query !== asked) return;  // a later check is on its way
    const {items, said} = await response.json();
    live.replaceChildren();
    if (!items.length) return;
    const box = document.createElement("div"), text = document.createElement("p"), lead = document.createElement("strong");
    const list = document.createElement("ul");
    box.className = "message message-warning duplicate-warning";  // the words of remisser/_duplicate_warning.html
    lead.textContent = "Kan redan vara registrerad:";
    text.append(lead, ` ${said} med samma diarienummer hos remittenten eller samma ärendemening.`);
    for (const item of items) {
      const row = document.createElement("li"), link = document.createElement("a");
      link.href = item.url;
      link.textContent = `${item.our_dnr || "Utan diarienummer"}: ${item.title}`;
      row.append(link, item.sender_dnr ? ` (${item.remittent} ${item.sender_dnr})` : "");
      list.append(row);
    }
    box.append(text, list);
    live.append(box);
  };
  if (live) {
    typed.forEach((input) => {
      input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(checkDuplicates, 400); });
      input.addEventListener("change", checkDuplicates);
    });
    // The page says it already when the fields came from a missiv or the form was sent with duplicates.
    if (live.children.length || document.getElementById("f-confirm_duplicate")) {
      asked = new URLSearchParams({sender_dnr: typed[0].value.trim(), title: typed[1].value.trim()}).toString();
    } else if (typed[0].value.trim() || typed[1].value.trim()) checkDuplicates();
  }
  // The handläggare field follows the chosen nämnd: its handläggare, or a name-or-e-mail field when they are many.
  const namnd = document.getElementById("f-namnd_id");
  if (namnd) namnd.addEventListener("change", async () => {
    const field = namnd.form && namnd.form.querySelector("[data-handlaggare-field]");
    if (!field || !namnd.value) return;
    const typed = field.querySelector("input[name=handlaggare]");
    const kind = namnd.form.querySelector("[name=kind]");  // the Ärendetyp: "ärendet kan inte tilldelas"
    const query = new URLSearchParams({namnd_id: namnd.value, handlaggare: typed ? typed.value : "",
                                       kind: kind ? kind.value : ""});
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
  // "Andra förslag på ärendemening" (templates/intake/_title_choices.html): a click fills the field in place, keeping
  // what was typed elsewhere; without JavaScript the link reopens the prefilled form with that title.
  document.querySelectorAll("[data-title-choice]").forEach((choice) => {
    choice.addEventListener("click", (event) => {
      const field = document.getElementById("f-title");
      if (!field) return;
      event.preventDefault();
      field.value = choice.dataset.titleChoice;
      // the hint under the field says where the chosen title stands in the letter, or goes (walk26b X4)
      const list = document.getElementById("title-choices");
      let hint = document.getElementById("ev-title");
      if (!hint && choice.dataset.titleSource && list) {
        hint = document.createElement("p");
        hint.className = "hint evidence";
        hint.id = "ev-title";
        list.before(hint);
      }
      if (hint) {
        hint.textContent = choice.dataset.titleSource ? `Hämtat från: ”${choice.dataset.titleSource}”` : "";
        hint.hidden = !choice.dataset.titleSource;
      }
      field.dispatchEvent(new Event("input", {bubbles: true}));
      field.focus();
    });
  });
});
