// Progressive enhancement of the search page: everything works without this file.
// - facet checkboxes and sort apply at once (no "apply" button);
// - empty fields are left out of the URL;
// - facet lists can be filtered by typing;
// - the search box suggests companies, regions, countries, sectors and words (keyboard: ↑ ↓ Enter Esc).
"use strict";

(function () {
  const form = document.getElementById("search");
  if (!form) return;

  function submitClean() {
    for (const el of form.elements) {
      if (el.name && (el.type === "date" || el.type === "search" || el.tagName === "SELECT") && !el.value) {
        el.disabled = true;
      }
    }
    const sort = form.elements.namedItem("sort");
    if (sort && sort.value === "relevance") sort.disabled = true;
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitClean();
  });
  form.addEventListener("change", function (event) {
    const t = event.target;
    if ((t.type === "checkbox" && t.closest(".facet")) || t.name === "sort") submitClean();
  });
  const apply = form.querySelector(".apply");
  if (apply) apply.hidden = true;

  for (const input of form.querySelectorAll("input[data-filter]")) {
    input.addEventListener("input", function () {
      const box = document.getElementById(input.dataset.filter);
      const needle = input.value.trim().toLowerCase().replace(/ё/g, "е");
      const more = box.querySelector("details.more");
      if (more && needle) more.open = true;
      for (const li of box.querySelectorAll("li")) {
        const text = li.querySelector(".value").textContent.toLowerCase().replace(/ё/g, "е");
        li.hidden = needle !== "" && !text.includes(needle);
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  // Autocomplete (WAI-ARIA combobox with a listbox popup).
  const q = document.getElementById("q");
  const list = document.getElementById("suggestions");
  const names = { company: "компания", region: "регион", country: "страна", sector: "отрасль", word: "слово" };
  let items = [];
  let active = -1;
  let timer = null;
  let lastAsked = "";

  function close() {
    list.hidden = true;
    list.replaceChildren();
    q.setAttribute("aria-expanded", "false");
    q.removeAttribute("aria-activedescendant");
    items = [];
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) q.setAttribute("aria-activedescendant", options[index].id);
    else q.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    const s = items[index];
    if (!s) return;
    if (s.kind === "word") {
      q.value = s.value;
      close();
      submitClean();
    } else {
      window.location.assign(s.url);
    }
  }

  function show(suggestions) {
    list.replaceChildren();
    items = suggestions;
    suggestions.forEach(function (s, i) {
      const li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const value = document.createElement("span");
      value.textContent = s.value;
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = names[s.kind] + " · " + s.count;
      li.append(value, kind);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(i);
      });
      list.append(li);
    });
    list.hidden = suggestions.length === 0;
    q.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    active = -1;
  }

  function ask() {
    const text = q.value.trim();
    if (text.length < 2 || text === lastAsked) {
      if (text.length < 2) close();
      return;
    }
    lastAsked = text;
    fetch("/api/suggest?q=" + encodeURIComponent(text))
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (q.value.trim() === text) show(data.suggestions); })
      .catch(function () { close(); });
  }

  q.addEventListener("input", function () {
    clearTimeout(timer);
    lastAsked = "";
    timer = setTimeout(ask, 150);
  });
  q.addEventListener("keydown", function (event) {
    if (list.hidden) {
      if (event.key === "ArrowDown") ask();
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  q.addEventListener("blur", function () { setTimeout(close, 100); });
})();
