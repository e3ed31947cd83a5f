// An accessible autocomplete (ARIA combobox with a listbox): typing asks
// `search` after a short pause, arrow keys move, Enter or a click picks.
// Suggestions are rendered as text.

/** One suggestion: the id picked, the name shown, and a grey detail line. */
export interface Suggestion {
  id: string;
  name: string;
  sub: string;
}

/**
 * Wires `input` and its `list` (role=listbox). The picked id is kept in
 * `input.dataset.id` (cleared when the user types again).
 */
export function attachAutocomplete(input: HTMLInputElement, list: HTMLUListElement, search: (q: string) => Promise<Suggestion[]>, onPick: (id: string, name: string) => void): void {
  let items: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let seq = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const paint = () => {
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      li.dataset.id = item.id;
      li.append(item.name);
      const sub = document.createElement("span");
      sub.className = "sub";
      sub.textContent = item.sub;
      li.append(sub);
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        pick(i);
      });
      return li;
    }));
    list.hidden = !items.length;
    input.setAttribute("aria-expanded", String(!!items.length));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
  };
  const pick = (i: number) => {
    const item = items[i];
    if (!item) return;
    input.value = item.name;
    input.dataset.id = item.id;
    close();
    onPick(item.id, item.name);
  };
  input.addEventListener("input", () => {
    delete input.dataset.id;
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return close();
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      try {
        const found = await search(q);
        if (mine !== seq) return;
        items = found;
        active = items.length ? 0 : -1;
        paint();
      } catch {
        close();
      }
    }, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      paint();
    } else if (e.key === "Enter") {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        pick(active);
      }
    } else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => window.setTimeout(close, 150));
}
