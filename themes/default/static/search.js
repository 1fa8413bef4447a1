/* Search for the handbook.
 *
 * The index of the page's language (<lang>/search-index.js) is loaded with a
 * plain <script> tag the first time the reader focuses the search box, so it
 * works from a folder opened from disk (file://) as well as over HTTP, and
 * costs nothing on pages where nobody searches.
 *
 * Words were stemmed when the site was built; here the typed words are only
 * folded (exactly as src/render/search/text.rs folds them) and looked up in
 * the index's vocabulary: whole words, and the word being typed also as a
 * prefix. Results are a listbox under an ARIA combobox: ArrowUp/ArrowDown
 * choose, Enter follows, Escape closes, "/" focuses the box from anywhere.
 */
(() => {
  "use strict";

  /* ---- Folding and words: keep identical to src/render/search/text.rs ---- */

  const SPECIAL = {
    "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
    "ł": "l", "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t"
  };
  const SPECIAL_RE = /[øæœßđðłıþħŧ]/g;
  const MARK_RE = /^\p{M}$/u;
  const LATIN_RE = /^\p{Script=Latin}$/u;
  const NOT_WORD_RE = /[^\p{Alphabetic}\p{N}\p{M}]/gu;
  const WORD_RE = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  const ENDS_IN_WORD_RE = /[\p{Alphabetic}\p{N}\p{M}]$/u;
  const NUMBER_RE = /^\p{N}+$/u;
  /* Written without spaces between words (src/render/search/cjk.rs is_cjk). */
  const CJK_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]$/u;
  const MAX_WORD_CHARS = 40;

  /** Lowercase, without the diacritics of Latin letters: "Sårbarhed" ->
      "sarbarhed"; the marks of other scripts carry meaning and stay. */
  const fold = (word) => {
    let out = "";
    let latin = false;
    for (const c of word.toLowerCase().normalize("NFKD")) {
      if (MARK_RE.test(c)) {
        if (!latin) out += c;
        continue;
      }
      latin = LATIN_RE.test(c);
      out += c;
    }
    return out.normalize("NFC").toLowerCase()
      .replace(SPECIAL_RE, (c) => SPECIAL[c])
      .replace(/ς/g, "σ")
      .replace(NOT_WORD_RE, "");
  };

  /** A folded word as the index keeps it: at most MAX_WORD_CHARS characters. */
  const cut = (w) => {
    const chars = Array.from(w);
    return chars.length > MAX_WORD_CHARS ? chars.slice(0, MAX_WORD_CHARS).join("") : w;
  };

  /** A word split into plain parts and CJK runs (cjk.rs segments); a
      combining mark stays with the character before it. Offsets in UTF-16
      units; `units` are the starts of a run's characters. */
  const segments = (w) => {
    const segs = [];
    let cur = null;
    let i = 0;
    for (const c of w) {
      const mark = MARK_RE.test(c);
      const cjk = cur && mark ? cur.cjk : CJK_RE.test(c);
      if (!cur || cur.cjk !== cjk) {
        cur = { cjk, start: i, end: i, units: [] };
        segs.push(cur);
      }
      if (!mark) cur.units.push(i);
      i += c.length;
      cur.end = i;
    }
    return segs;
  };

  /** The words of a text as written, with their positions. Chinese,
      Japanese and Korean runs give overlapping pairs of characters, which
      carry the number of their run (`run`, -1 for other words) and whether
      the run is a single character (`single`). */
  const words = (text) => {
    const out = [];
    let runs = 0;
    for (const m of text.matchAll(WORD_RE)) {
      for (const seg of segments(m[0])) {
        const at = m.index + seg.start;
        const end = m.index + seg.end;
        if (!seg.cjk) {
          out.push({ text: text.slice(at, end), start: at, end, run: -1 });
          continue;
        }
        const units = seg.units.map((u) => m.index + u);
        const run = runs++;
        if (units.length === 1) {
          out.push({ text: text.slice(units[0], end), start: units[0], end, run, single: true });
          continue;
        }
        units.push(end);
        for (let k = 0; k + 2 < units.length; k++) {
          out.push({ text: text.slice(units[k], units[k + 2]), start: units[k], end: units[k + 2], run });
        }
      }
    }
    return out;
  };

  /** A heading's id as GitHub makes it, before duplicates are numbered:
   *  keep identical to src/render/markdown/slug.rs slugify. */
  const SLUG_DROP_RE = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc} -]/gu;
  const slugify = (text) => text.toLowerCase().replace(SLUG_DROP_RE, "").replace(/ /g, "-");

  /** Whether a folded word may be searched for (as the index keeps words). */
  const searchable = (w) => {
    const n = Array.from(w).length;
    return n >= 2 || (n === 1 && (NUMBER_RE.test(w) || CJK_RE.test(w)));
  };

  /* ---- The index ---- */

  const PREFIX_FACTOR = 0.6;   // a word that only starts with what was typed
  const TRUNCATED_FACTOR = 0.5; // a word found by dropping the typed word's ending
  const MAX_PREFIX_WORDS = 200;

  /* Postings are numbers in base-32 digits: "0".."v" end a number,
     "w".."$" are followed by more digits. Per section: 2 × (difference to
     the previous section) + 1 if a weight other than 1 follows
     (src/render/search/index.rs). */
  const LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv";
  const MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@$";

  const commonPrefix = (a, b) => {
    let n = 0;
    while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
    return n;
  };

  const bits = (n) => {
    let c = 0;
    while (n) {
      c += n & 1;
      n >>>= 1;
    }
    return c;
  };

  class Index {
    constructor(data) {
      this.lang = data.lang;
      this.docs = data.docs;
      this.sections = data.sections;
      this.modules = data.modules;
      this.encoded = data.postings ? data.postings.split(" ") : [];
      this.decoded = [];
      this.stop = new Set(data.stop ? data.stop.split(" ") : []);
      const groups = data.words ? data.words.split("|") : [];
      const map = new Map();
      const stems = [];
      groups.forEach((group, g) => {
        const [stem, ...forms] = group.split(" ");
        stems.push(stem);
        for (const form of forms) {
          const w = form.charAt(0) === "~" ? stem + form.slice(1) : form;
          if (!map.has(w)) map.set(w, g);
        }
      });
      // Stems come second: a word as written wins over a stem that looks the same.
      stems.forEach((stem, g) => {
        if (!map.has(stem)) map.set(stem, g);
      });
      this.map = map;
      this.keys = Array.from(map.keys()).sort();
      this.df = new Array(groups.length);
      this.firstSection = [];
      for (let s = this.sections.length - 1; s >= 0; s--) this.firstSection[this.sections[s][0]] = s;
    }

    /** A stem group's postings: [section, weight, section, weight, …] (cached). */
    postings(g) {
      if (this.decoded[g]) return this.decoded[g];
      const text = this.encoded[g] || "";
      const nums = [];
      let v = 0;
      let sec = 0;
      let weightNext = false;
      for (const c of text) {
        const d = LAST_DIGITS.indexOf(c);
        if (d < 0) {
          v = v * 32 + MORE_DIGITS.indexOf(c);
          continue;
        }
        v = v * 32 + d;
        if (weightNext) {
          nums.push(v);
          weightNext = false;
        } else {
          sec += v >> 1;
          nums.push(sec);
          if (v & 1) weightNext = true; else nums.push(1);
        }
        v = 0;
      }
      this.decoded[g] = nums;
      return nums;
    }

    /** In how many pages a stem group occurs (cached). */
    docFreq(g) {
      if (this.df[g] === undefined) {
        const p = this.postings(g);
        const seen = new Set();
        for (let k = 0; k < p.length; k += 2) seen.add(this.sections[p[k]][0]);
        this.df[g] = seen.size || 1;
      }
      return this.df[g];
    }

    /** Where `w` would stand in the sorted vocabulary. */
    place(w) {
      const keys = this.keys;
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] < w) lo = mid + 1; else hi = mid;
      }
      return lo;
    }

    /** Vocabulary words starting with `prefix` (at most MAX_PREFIX_WORDS). */
    withPrefix(prefix) {
      const keys = this.keys;
      const out = [];
      for (let i = this.place(prefix); i < keys.length && out.length < MAX_PREFIX_WORDS; i++) {
        if (!keys[i].startsWith(prefix)) break;
        out.push(keys[i]);
      }
      return out;
    }

    /** For a word not in the vocabulary: the words sharing the longest
        beginning with it, if that is most of it (at least 4 letters and 60%). */
    nearest(w) {
      const keys = this.keys;
      const lo = this.place(w);
      // In sorted order, the longest shared beginning is with a neighbour.
      const best = Math.max(lo > 0 ? commonPrefix(w, keys[lo - 1]) : 0,
        lo < keys.length ? commonPrefix(w, keys[lo]) : 0);
      if (best < Math.max(4, Math.ceil(w.length * 0.6))) return [];
      return this.withPrefix(w.slice(0, best));
    }

    /** Adds the stem groups of the vocabulary words `keys` to `cands`
        with `factor`, where they are not there yet. */
    addGroups(cands, keys, factor) {
      for (const k of keys) {
        const g = this.map.get(k);
        if (!cands.has(g)) cands.set(g, factor);
      }
    }

    /** The query's words, each with the stem groups it stands for. A word of
        Chinese, Japanese or Korean is one term of several parts (its pairs of
        characters), all of which a section must have. */
    terms(query) {
      const raw = words(query);
      const typing = ENDS_IN_WORD_RE.test(query);
      const terms = [];
      raw.forEach((t, n) => {
        const w = cut(fold(t.text));
        const last = typing && n === raw.length - 1;
        if (t.run >= 0) {
          const prev = terms[terms.length - 1];
          let term = prev && prev.run === t.run ? prev : null;
          if (!term) {
            term = { word: "", prefix: null, run: t.run, parts: [] };
            terms.push(term);
          }
          term.word += term.word ? Array.from(w).slice(-1).join("") : w;
          const part = new Map();
          const g = this.map.get(w);
          if (g !== undefined) part.set(g, 1);
          if (last && t.single) {
            // One character typed: the pairs that start with it.
            this.addGroups(part, this.withPrefix(w), PREFIX_FACTOR);
            term.prefix = w;
          }
          term.parts.push(part);
          return;
        }
        if (!searchable(w)) return;
        if (this.stop.has(w) && !(last && raw.length === 1)) return;
        const cands = new Map();
        const g = this.map.get(w);
        if (g !== undefined) cands.set(g, 1);
        if (last) this.addGroups(cands, this.withPrefix(w), PREFIX_FACTOR);
        if (cands.size === 0) {
          // No stemmer here: take the words that share the longest beginning
          // with the typed one (kwetsbaarheden -> kwetsbaarheid, werkplekje -> werkplek).
          this.addGroups(cands, this.nearest(w), TRUNCATED_FACTOR);
        }
        terms.push({ word: w, prefix: last ? w : null, run: -1, parts: [cands] });
      });
      return terms.filter((t) => t.parts.every((p) => p.size > 0));
    }

    /** Section -> best score of one part of a term (one word, or one pair of characters). */
    partScores(cands, groups) {
      const best = new Map();
      const n = this.docs.length;
      cands.forEach((factor, g) => {
        groups.add(g);
        const p = this.postings(g);
        const idf = Math.log(1 + n / this.docFreq(g));
        for (let k = 0; k < p.length; k += 2) {
          const sec = p[k];
          const s = factor * p[k + 1] * idf;
          if (!(best.get(sec) >= s)) best.set(sec, s);
        }
      });
      return best;
    }

    /** Section -> score of term `t`: for a term of several parts, only the
        sections that have every part, with their scores summed. */
    termScores(t, groups) {
      let best = null;
      for (const cands of t.parts) {
        const part = this.partScores(cands, groups);
        if (best === null) {
          best = part;
          continue;
        }
        const both = new Map();
        best.forEach((s, sec) => {
          if (part.has(sec)) both.set(sec, s + part.get(sec));
        });
        best = both;
      }
      return best;
    }

    /** Ranked pages for a query: [{doc, section, score, matched}], and what to highlight. */
    search(query) {
      const terms = this.terms(query).slice(0, 30);
      const groups = new Set();
      const prefixes = [];
      const secScore = new Map();
      const secMask = new Map();
      terms.forEach((t, ti) => {
        const best = this.termScores(t, groups);
        if (t.prefix) prefixes.push(t.prefix);
        best.forEach((s, sec) => {
          secScore.set(sec, (secScore.get(sec) || 0) + s);
          secMask.set(sec, (secMask.get(sec) || 0) | (1 << ti));
        });
      });
      const byDoc = new Map();
      secScore.forEach((score, sec) => {
        const doc = this.sections[sec][0];
        const mask = secMask.get(sec);
        let r = byDoc.get(doc);
        if (!r) {
          r = { doc, score: 0, mask: 0, section: sec, secBits: -1, secScore: -1 };
          byDoc.set(doc, r);
        }
        r.score += score;
        r.mask |= mask;
        const b = bits(mask);
        if (b > r.secBits || (b === r.secBits && (score > r.secScore ||
            (score === r.secScore && sec < r.section)))) {
          r.section = sec;
          r.secBits = b;
          r.secScore = score;
        }
      });
      const results = Array.from(byDoc.values());
      for (const r of results) r.matched = bits(r.mask);
      results.sort((a, b) => (b.matched - a.matched) || (b.score - a.score) || (a.doc - b.doc));
      return { results, groups, prefixes };
    }

    /** `text` as nodes, with the words that match the query in <mark>. */
    highlight(text, found) {
      const frag = document.createDocumentFragment();
      let at = 0;
      let mark = null;
      for (const w of words(text)) {
        const f = cut(fold(w.text));
        const g = this.map.get(f);
        const hit = (g !== undefined && found.groups.has(g)) ||
          (f.length > 0 && found.prefixes.some((p) => f.startsWith(p)));
        if (!hit || w.end <= at) continue;
        // Pairs of characters overlap: a hit that goes on from the last one extends its mark.
        const from = Math.max(w.start, at);
        if (from > at) {
          frag.appendChild(document.createTextNode(text.slice(at, from)));
          mark = null;
        }
        if (!mark) {
          mark = document.createElement("mark");
          frag.appendChild(mark);
        }
        mark.textContent += text.slice(from, w.end);
        at = w.end;
      }
      if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
      return frag;
    }
  }

  const api = { fold, cut, words, slugify, Index };
  window.EquilSearch = api;

  /* ---- The search box ---- */

  const box = document.querySelector(".search[data-index]");
  if (!box) return;
  const input = box.querySelector("#search-input");
  const list = box.querySelector("#search-results");
  const panel = box.querySelector(".search-panel") || list;
  const note = box.querySelector(".search-message");
  const status = box.querySelector("#search-status");
  if (!input || !list || !status) return;

  const MAX_SHOWN = 20;
  const root = box.getAttribute("data-root") || "";
  let state = "idle"; // idle | loading | ready | failed
  let index = null;
  let options = [];
  let active = -1;

  const label = (name) => box.getAttribute(`data-label-${name}`) || "";

  const say = (text) => {
    if (status.textContent !== text) status.textContent = text;
  };

  /** "5 résultats": the count in the language's plural form. The theme
      gives the text of each CLDR plural category of the Fluent message
      (data-label-count-one, -few, -many, -other, with {count} for the
      number) and of its exact-number variants (data-label-count-exact-N);
      Intl.PluralRules picks the category. */
  const countLabel = (n) => {
    const exact = box.getAttribute(`data-label-count-exact-${n}`);
    if (exact !== null) return exact;
    let category = "other";
    try {
      category = new Intl.PluralRules(box.getAttribute("data-lang") || undefined).select(n);
    } catch (e) { /* an unknown tag: "other" */ }
    let text = box.getAttribute(`data-label-count-${category}`);
    if (text === null) text = box.getAttribute("data-label-count-other");
    if (text !== null) return text.split("{count}").join(String(n));
    // A theme made before plural labels: the message for 1 and for 0.
    return n === 1 ? label("one") : label("results").replace(/\b0\b/, String(n));
  };

  // The index is a classic script that sets window.EQUIL_SEARCH: a <script>
  // tag loads it from file:// too, where fetch() cannot.
  const load = () => {
    if (state !== "idle") return;
    state = "loading";
    const script = document.createElement("script");
    script.src = box.getAttribute("data-index");
    script.async = true;
    script.onload = () => {
      const data = window.EQUIL_SEARCH;
      if (data && data.v === 1) {
        index = new Index(data);
        api.index = index;
        state = "ready";
        if (document.activeElement === input || input.value) update();
      } else {
        failed();
      }
    };
    script.onerror = failed;
    document.head.appendChild(script);
  };

  const failed = () => {
    state = "failed";
    if (input.value.trim()) message(label("error"));
  };

  // The panel is as wide as there is room for, and never leaves the window.
  const keepInView = () => {
    panel.style.transform = "";
    const r = panel.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    let shift = r.right > vw - 8 ? vw - 8 - r.right : 0;
    if (r.left + shift < 8) shift = 8 - r.left;
    if (shift) panel.style.transform = `translateX(${shift}px)`;
  };

  const setActive = (i) => {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
    } else {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  };

  // The panel holds the list of results (a listbox) or a message such as
  // "No results" (outside the listbox, which may hold only options).
  const setExpanded = (open) => {
    panel.hidden = !open;
    list.hidden = !open || !options.length;
    input.setAttribute("aria-expanded", open && options.length ? "true" : "false");
    if (!open) setActive(-1);
    if (open) keepInView();
  };

  const close = () => setExpanded(false);

  const clearList = () => {
    list.replaceChildren();
    if (note) note.hidden = true;
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
  };

  const message = (text) => {
    clearList();
    if (note) {
      note.textContent = text;
      note.hidden = false;
    }
    setExpanded(true);
    say(text);
  };

  const span = (cls, content, lang) => {
    const s = document.createElement("span");
    s.className = cls;
    if (lang) s.lang = lang;
    if (typeof content === "string") s.textContent = content; else s.appendChild(content);
    return s;
  };

  const option = (r, i, found) => {
    const [url, docTitle, module, lang] = index.docs[r.doc];
    const contentLang = lang || "";
    const [, secId, heading, secSnippet] = index.sections[r.section];
    const a = document.createElement("a");
    a.className = "search-result";
    a.id = `search-result-${i}`;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    const id = secId || (heading ? slugify(heading) : "");
    a.href = root + url + (id ? `#${encodeURIComponent(id)}` : "");

    const title = span("search-result-title", index.highlight(docTitle, found), contentLang);
    if (heading) {
      title.appendChild(document.createTextNode(" › "));
      title.appendChild(span("search-result-heading", index.highlight(heading, found)));
    }
    a.appendChild(title);

    const where = [];
    if (module >= 0 && index.modules[module]) where.push(index.modules[module]);
    if (contentLang) where.push(label("source"));
    if (where.length) a.appendChild(span("search-result-module", where.join(" · ")));

    const snippet = secSnippet || index.sections[index.firstSection[r.doc]][3];
    if (snippet) a.appendChild(span("search-result-snippet", index.highlight(snippet, found), contentLang));

    a.addEventListener("mousemove", () => setActive(i));
    return a;
  };

  const update = () => {
    const q = input.value;
    if (!q.trim()) {
      clearList();
      close();
      say("");
      return;
    }
    if (state === "idle" || state === "loading") {
      load();
      say(label("loading"));
      return;
    }
    if (state === "failed") {
      message(label("error"));
      return;
    }
    const found = index.search(q);
    const results = found.results;
    if (!results.length) {
      message(label("none"));
      return;
    }
    clearList();
    results.slice(0, MAX_SHOWN).forEach((r, i) => {
      const a = option(r, i, found);
      options.push(a);
      list.appendChild(a);
    });
    setExpanded(true);
    say(results.length > MAX_SHOWN
      ? label("shown").replace("{shown}", String(MAX_SHOWN)).replace("{count}", String(results.length))
      : countLabel(results.length));
  };

  const follow = (a) => {
    close();
    window.location.href = a.href;
  };

  input.addEventListener("focus", () => {
    load();
    if (input.value.trim() && state === "ready" && panel.hidden) update();
  });
  input.addEventListener("input", update);
  input.addEventListener("keydown", (e) => {
    if (e.isComposing) return;
    const open = !panel.hidden;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) {
          update();
          return;
        }
        if (options.length) setActive(active + 1 < options.length ? active + 1 : 0);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (open && options.length) setActive(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Enter":
        if (open && options.length) {
          e.preventDefault();
          follow(options[active >= 0 ? active : 0]);
        }
        break;
      case "Escape":
        if (open) {
          e.preventDefault();
          close();
        } else if (input.value) {
          e.preventDefault();
          input.value = "";
          update();
        }
        break;
    }
  });

  const editable = (el) => {
    if (!el || el === document.body) return false;
    const tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  };

  // The "/" shortcut can be turned off (WCAG 2.1.4): a switch in the footer,
  // remembered in this browser.
  const SLASH = "equil-search-slash";
  const slashOn = () => {
    try {
      return window.localStorage.getItem(SLASH) !== "off";
    } catch (e) {
      return true;
    }
  };
  const footer = document.querySelector(".site-footer-inner");
  if (footer && label("shortcut")) {
    const p = document.createElement("p");
    p.className = "shortcut-setting";
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label("shortcut");
    b.setAttribute("aria-pressed", slashOn() ? "true" : "false");
    b.addEventListener("click", () => {
      const on = !slashOn();
      try {
        window.localStorage.setItem(SLASH, on ? "on" : "off");
      } catch (e) { /* private mode */ }
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    p.appendChild(b);
    footer.appendChild(p);
  }

  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (!slashOn() || editable(e.target)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  // `index.html#search` (the links of the 404 page) opens with the box focused.
  if (window.location.hash === "#search") input.focus();

  // Close when the reader clicks or tabs elsewhere.
  document.addEventListener("mousedown", (e) => {
    if (!box.contains(e.target)) close();
  });
  box.addEventListener("focusout", (e) => {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) {
      window.setTimeout(() => {
        if (!box.contains(document.activeElement)) close();
      }, 0);
    }
  });
})();
