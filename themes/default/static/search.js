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
(function () {
  "use strict";

  /* ---- Folding and words: keep identical to src/render/search/text.rs ---- */

  var SPECIAL = {
    "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
    "ł": "l", "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t"
  };
  var SPECIAL_RE = /[øæœßđðłıþħŧ]/g;
  var MARK_RE = /^\p{M}$/u;
  var LATIN_RE = /^\p{Script=Latin}$/u;
  var NOT_WORD_RE = /[^\p{Alphabetic}\p{N}\p{M}]/gu;
  var WORD_RE = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var ENDS_IN_WORD_RE = /[\p{Alphabetic}\p{N}\p{M}]$/u;
  var NUMBER_RE = /^\p{N}+$/u;
  /* Written without spaces between words (src/render/search/cjk.rs is_cjk). */
  var CJK_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]$/u;
  var MAX_WORD_CHARS = 40;

  /** Lowercase, without the diacritics of Latin letters: "Sårbarhed" ->
      "sarbarhed"; the marks of other scripts carry meaning and stay. */
  function fold(word) {
    var out = "", latin = false;
    Array.from(word.toLowerCase().normalize("NFKD")).forEach(function (c) {
      if (MARK_RE.test(c)) {
        if (!latin) out += c;
        return;
      }
      latin = LATIN_RE.test(c);
      out += c;
    });
    return out.normalize("NFC").toLowerCase()
      .replace(SPECIAL_RE, function (c) { return SPECIAL[c]; })
      .replace(/ς/g, "σ")
      .replace(NOT_WORD_RE, "");
  }

  /** A folded word as the index keeps it: at most MAX_WORD_CHARS characters. */
  function cut(w) {
    var chars = Array.from(w);
    return chars.length > MAX_WORD_CHARS ? chars.slice(0, MAX_WORD_CHARS).join("") : w;
  }

  /** The words of a text as written, with their positions. Chinese,
      Japanese and Korean runs give overlapping pairs of characters, which
      carry the number of their run (`run`, -1 for other words) and whether
      the run is a single character (`single`). */
  function words(text) {
    var out = [];
    var m, runs = 0;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(text)) !== null) {
      segments(m[0]).forEach(function (seg) {
        var at = m.index + seg.start;
        if (!seg.cjk) {
          out.push({ text: text.slice(at, m.index + seg.end), start: at, end: m.index + seg.end, run: -1 });
          return;
        }
        var units = seg.units.map(function (u) { return m.index + u; });
        var end = m.index + seg.end, run = runs++;
        if (units.length === 1) {
          out.push({ text: text.slice(units[0], end), start: units[0], end: end, run: run, single: true });
          return;
        }
        units.push(end);
        for (var k = 0; k + 2 < units.length; k++) {
          out.push({ text: text.slice(units[k], units[k + 2]), start: units[k], end: units[k + 2], run: run });
        }
      });
    }
    return out;
  }

  /** A word split into plain parts and CJK runs (cjk.rs segments); a
      combining mark stays with the character before it. Offsets in UTF-16
      units; `units` are the starts of a run's characters. */
  function segments(w) {
    var segs = [], cur = null, i = 0;
    Array.from(w).forEach(function (c) {
      var mark = MARK_RE.test(c);
      var cjk = cur && mark ? cur.cjk : CJK_RE.test(c);
      if (!cur || cur.cjk !== cjk) {
        cur = { cjk: cjk, start: i, end: i, units: [] };
        segs.push(cur);
      }
      if (!mark) cur.units.push(i);
      i += c.length;
      cur.end = i;
    });
    return segs;
  }

  /** A heading's id as GitHub makes it, before duplicates are numbered:
   *  keep identical to src/render/markdown/slug.rs slugify. */
  var SLUG_DROP_RE = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc} -]/gu;
  function slugify(text) {
    return text.toLowerCase().replace(SLUG_DROP_RE, "").replace(/ /g, "-");
  }

  /** Whether a folded word may be searched for (as the index keeps words). */
  function searchable(w) {
    var n = Array.from(w).length;
    return n >= 2 || (n === 1 && (NUMBER_RE.test(w) || CJK_RE.test(w)));
  }

  /* ---- The index ---- */

  var PREFIX_FACTOR = 0.6;   // a word that only starts with what was typed
  var TRUNCATED_FACTOR = 0.5; // a word found by dropping the typed word's ending
  var MAX_PREFIX_WORDS = 200;

  function Index(data) {
    this.lang = data.lang;
    this.docs = data.docs;
    this.sections = data.sections;
    this.modules = data.modules;
    this.encoded = data.postings ? data.postings.split(" ") : [];
    this.decoded = [];
    this.stop = new Set(data.stop ? data.stop.split(" ") : []);
    var groups = data.words ? data.words.split("|") : [];
    var map = new Map();
    var stems = [];
    for (var g = 0; g < groups.length; g++) {
      var toks = groups[g].split(" ");
      var stem = toks[0];
      stems.push(stem);
      for (var k = 1; k < toks.length; k++) {
        var w = toks[k].charAt(0) === "~" ? stem + toks[k].slice(1) : toks[k];
        if (!map.has(w)) map.set(w, g);
      }
    }
    // Stems come second: a word as written wins over a stem that looks the same.
    for (g = 0; g < stems.length; g++) {
      if (!map.has(stems[g])) map.set(stems[g], g);
    }
    this.map = map;
    this.keys = Array.from(map.keys()).sort();
    this.df = new Array(groups.length);
    this.firstSection = [];
    for (var s = this.sections.length - 1; s >= 0; s--) this.firstSection[this.sections[s][0]] = s;
  }

  /* Postings are numbers in base-32 digits: "0".."v" end a number,
     "w".."$" are followed by more digits. Per section: 2 × (difference to
     the previous section) + 1 if a weight other than 1 follows
     (src/render/search/index.rs). */
  var LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv";
  var MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@$";

  /** A stem group's postings: [section, weight, section, weight, …] (cached). */
  Index.prototype.postings = function (g) {
    var p = this.decoded[g];
    if (p) return p;
    var text = this.encoded[g] || "", nums = [], v = 0, sec = 0, weightNext = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), d = LAST_DIGITS.indexOf(c);
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
  };

  /** In how many pages a stem group occurs (cached). */
  Index.prototype.docFreq = function (g) {
    if (this.df[g] === undefined) {
      var p = this.postings(g), seen = new Set();
      for (var k = 0; k < p.length; k += 2) seen.add(this.sections[p[k]][0]);
      this.df[g] = seen.size || 1;
    }
    return this.df[g];
  };

  /** Vocabulary words starting with `prefix` (at most MAX_PREFIX_WORDS). */
  Index.prototype.withPrefix = function (prefix) {
    var keys = this.keys, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < keys.length && out.length < MAX_PREFIX_WORDS; i++) {
      if (keys[i].lastIndexOf(prefix, 0) !== 0) break;
      out.push(keys[i]);
    }
    return out;
  };

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
    return n;
  }

  /** For a word not in the vocabulary: the words sharing the longest
      beginning with it, if that is most of it (at least 4 letters and 60%). */
  Index.prototype.nearest = function (w) {
    var keys = this.keys, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < w) lo = mid + 1; else hi = mid;
    }
    // In sorted order, the longest shared beginning is with a neighbour.
    var best = Math.max(lo > 0 ? commonPrefix(w, keys[lo - 1]) : 0,
      lo < keys.length ? commonPrefix(w, keys[lo]) : 0);
    if (best < Math.max(4, Math.ceil(w.length * 0.6))) return [];
    return this.withPrefix(w.slice(0, best));
  };

  /** The query's words, each with the stem groups it stands for. A word of
      Chinese, Japanese or Korean is one term of several parts (its pairs of
      characters), all of which a section must have. */
  Index.prototype.terms = function (query) {
    var self = this;
    var raw = words(query);
    var typing = ENDS_IN_WORD_RE.test(query);
    var terms = [];
    raw.forEach(function (t, n) {
      var w = cut(fold(t.text));
      var last = typing && n === raw.length - 1;
      if (t.run >= 0) {
        var prev = terms[terms.length - 1];
        var term = prev && prev.run === t.run ? prev : null;
        if (!term) {
          term = { word: "", prefix: null, run: t.run, parts: [] };
          terms.push(term);
        }
        term.word += term.word ? Array.from(w).slice(-1).join("") : w;
        var part = new Map();
        var g = self.map.get(w);
        if (g !== undefined) part.set(g, 1);
        if (last && t.single) {
          // One character typed: the pairs that start with it.
          self.withPrefix(w).forEach(function (k) {
            var kg = self.map.get(k);
            if (!part.has(kg)) part.set(kg, PREFIX_FACTOR);
          });
          term.prefix = w;
        }
        term.parts.push(part);
        return;
      }
      if (!searchable(w)) return;
      if (self.stop.has(w) && !(last && raw.length === 1)) return;
      var cands = new Map();
      g = self.map.get(w);
      if (g !== undefined) cands.set(g, 1);
      if (last) {
        self.withPrefix(w).forEach(function (k) {
          var kg = self.map.get(k);
          if (!cands.has(kg)) cands.set(kg, PREFIX_FACTOR);
        });
      }
      if (cands.size === 0) {
        // No stemmer here: take the words that share the longest beginning
        // with the typed one (kwetsbaarheden -> kwetsbaarheid, werkplekje -> werkplek).
        self.nearest(w).forEach(function (k) {
          var kg = self.map.get(k);
          if (!cands.has(kg)) cands.set(kg, TRUNCATED_FACTOR);
        });
      }
      terms.push({ word: w, prefix: last ? w : null, run: -1, parts: [cands] });
    });
    return terms.filter(function (t) {
      return t.parts.every(function (p) { return p.size > 0; });
    });
  };

  /** Section -> best score of one part of a term (one word, or one pair of characters). */
  Index.prototype.partScores = function (cands, groups) {
    var self = this, best = new Map(), n = this.docs.length;
    cands.forEach(function (factor, g) {
      groups.add(g);
      var p = self.postings(g), idf = Math.log(1 + n / self.docFreq(g));
      for (var k = 0; k < p.length; k += 2) {
        var sec = p[k], s = factor * p[k + 1] * idf;
        if (!(best.get(sec) >= s)) best.set(sec, s);
      }
    });
    return best;
  };

  function bits(n) {
    var c = 0;
    while (n) { c += n & 1; n >>>= 1; }
    return c;
  }

  /** Ranked pages for a query: [{doc, section, score, matched}], and what to highlight. */
  Index.prototype.search = function (query) {
    var self = this;
    var terms = this.terms(query).slice(0, 30);
    var groups = new Set();
    var prefixes = [];
    var secScore = new Map(), secMask = new Map();
    terms.forEach(function (t, ti) {
      // Section -> score of this term: for a term of several parts, only
      // the sections that have every part, with their scores summed.
      var best = null;
      t.parts.forEach(function (cands) {
        var part = self.partScores(cands, groups);
        if (best === null) { best = part; return; }
        var both = new Map();
        best.forEach(function (s, sec) {
          if (part.has(sec)) both.set(sec, s + part.get(sec));
        });
        best = both;
      });
      if (t.prefix) prefixes.push(t.prefix);
      best.forEach(function (s, sec) {
        secScore.set(sec, (secScore.get(sec) || 0) + s);
        secMask.set(sec, (secMask.get(sec) || 0) | (1 << ti));
      });
    });
    var byDoc = new Map();
    secScore.forEach(function (score, sec) {
      var doc = self.sections[sec][0], mask = secMask.get(sec), r = byDoc.get(doc);
      if (!r) {
        r = { doc: doc, score: 0, mask: 0, section: sec, secBits: -1, secScore: -1 };
        byDoc.set(doc, r);
      }
      r.score += score;
      r.mask |= mask;
      var b = bits(mask);
      if (b > r.secBits || (b === r.secBits && (score > r.secScore ||
          (score === r.secScore && sec < r.section)))) {
        r.section = sec; r.secBits = b; r.secScore = score;
      }
    });
    var results = Array.from(byDoc.values());
    results.forEach(function (r) { r.matched = bits(r.mask); });
    results.sort(function (a, b) {
      return (b.matched - a.matched) || (b.score - a.score) || (a.doc - b.doc);
    });
    return { results: results, groups: groups, prefixes: prefixes };
  };

  /** `text` as nodes, with the words that match the query in <mark>. */
  Index.prototype.highlight = function (text, found) {
    var self = this;
    var frag = document.createDocumentFragment();
    var at = 0, mark = null;
    words(text).forEach(function (w) {
      var f = cut(fold(w.text));
      var g = self.map.get(f);
      var hit = (g !== undefined && found.groups.has(g)) ||
        (f.length > 0 && found.prefixes.some(function (p) { return f.lastIndexOf(p, 0) === 0; }));
      if (!hit || w.end <= at) return;
      // Pairs of characters overlap: a hit that goes on from the last one extends its mark.
      var from = Math.max(w.start, at);
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
    });
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  };

  var api = { fold: fold, cut: cut, words: words, slugify: slugify, Index: Index };
  window.EquilSearch = api;

  /* ---- The search box ---- */

  var box = document.querySelector(".search[data-index]");
  if (!box) return;
  var input = box.querySelector("#search-input");
  var list = box.querySelector("#search-results");
  var panel = box.querySelector(".search-panel") || list;
  var note = box.querySelector(".search-message");
  var status = box.querySelector("#search-status");
  if (!input || !list || !status) return;

  var MAX_SHOWN = 20;
  var root = box.getAttribute("data-root") || "";
  var state = "idle"; // idle | loading | ready | failed
  var index = null;
  var options = [];
  var active = -1;

  function label(name) {
    return box.getAttribute("data-label-" + name) || "";
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  /** "5 résultats": the count in the language's plural form. The theme
      gives the text of each CLDR plural category of the Fluent message
      (data-label-count-one, -few, -many, -other, with {count} for the
      number) and of its exact-number variants (data-label-count-exact-N);
      Intl.PluralRules picks the category. */
  function countLabel(n) {
    var exact = box.getAttribute("data-label-count-exact-" + n);
    if (exact !== null) return exact;
    var category = "other";
    try {
      category = new Intl.PluralRules(box.getAttribute("data-lang") || undefined).select(n);
    } catch (e) { /* an unknown tag: "other" */ }
    var text = box.getAttribute("data-label-count-" + category);
    if (text === null) text = box.getAttribute("data-label-count-other");
    if (text !== null) return text.split("{count}").join(String(n));
    // A theme made before plural labels: the message for 1 and for 0.
    return n === 1 ? label("one") : label("results").replace(/\b0\b/, String(n));
  }

  function load() {
    if (state !== "idle") return;
    state = "loading";
    var script = document.createElement("script");
    script.src = box.getAttribute("data-index");
    script.async = true;
    script.onload = function () {
      var data = window.EQUIL_SEARCH;
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
  }

  function failed() {
    state = "failed";
    if (input.value.trim()) message(label("error"));
  }

  // The panel holds the list of results (a listbox) or a message such as
  // "No results" (outside the listbox, which may hold only options).
  function setExpanded(open) {
    panel.hidden = !open;
    list.hidden = !open || !options.length;
    input.setAttribute("aria-expanded", open && options.length ? "true" : "false");
    if (!open) setActive(-1);
    if (open) keepInView();
  }

  // The panel is as wide as there is room for, and never leaves the window.
  function keepInView() {
    panel.style.transform = "";
    var r = panel.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var shift = r.right > vw - 8 ? vw - 8 - r.right : 0;
    if (r.left + shift < 8) shift = 8 - r.left;
    if (shift) panel.style.transform = "translateX(" + shift + "px)";
  }

  function close() {
    setExpanded(false);
  }

  function clearList() {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (note) note.hidden = true;
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function message(text) {
    clearList();
    if (note) {
      note.textContent = text;
      note.hidden = false;
    }
    setExpanded(true);
    say(text);
  }

  function span(cls, content, lang) {
    var s = document.createElement("span");
    s.className = cls;
    if (lang) s.lang = lang;
    if (typeof content === "string") s.textContent = content; else s.appendChild(content);
    return s;
  }

  function option(r, i, found) {
    var doc = index.docs[r.doc];
    var sec = index.sections[r.section];
    var contentLang = doc[3] || "";
    var a = document.createElement("a");
    a.className = "search-result";
    a.id = "search-result-" + i;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    var id = sec[1] || (sec[2] ? slugify(sec[2]) : "");
    a.href = root + doc[0] + (id ? "#" + encodeURIComponent(id) : "");

    var title = span("search-result-title", index.highlight(doc[1], found), contentLang);
    if (sec[2]) {
      title.appendChild(document.createTextNode(" › "));
      title.appendChild(span("search-result-heading", index.highlight(sec[2], found)));
    }
    a.appendChild(title);

    var where = [];
    if (doc[2] >= 0 && index.modules[doc[2]]) where.push(index.modules[doc[2]]);
    if (contentLang) where.push(label("source"));
    if (where.length) a.appendChild(span("search-result-module", where.join(" · ")));

    var snippet = sec[3] || index.sections[index.firstSection[r.doc]][3];
    if (snippet) a.appendChild(span("search-result-snippet", index.highlight(snippet, found), contentLang));

    a.addEventListener("mousemove", function () { setActive(i); });
    return a;
  }

  function update() {
    var q = input.value;
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
    var found = index.search(q);
    var results = found.results;
    if (!results.length) {
      message(label("none"));
      return;
    }
    clearList();
    results.slice(0, MAX_SHOWN).forEach(function (r, i) {
      var a = option(r, i, found);
      options.push(a);
      list.appendChild(a);
    });
    setExpanded(true);
    say(results.length > MAX_SHOWN
      ? label("shown").replace("{shown}", String(MAX_SHOWN)).replace("{count}", String(results.length))
      : countLabel(results.length));
  }

  function setActive(i) {
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
  }

  function follow(a) {
    close();
    window.location.href = a.href;
  }

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && state === "ready" && panel.hidden) update();
  });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    var open = !panel.hidden;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) { update(); return; }
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

  function editable(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  // The "/" shortcut can be turned off (WCAG 2.1.4): a switch in the footer,
  // remembered in this browser.
  var SLASH = "equil-search-slash";
  function slashOn() {
    try { return window.localStorage.getItem(SLASH) !== "off"; } catch (e) { return true; }
  }
  var footer = document.querySelector(".site-footer-inner");
  if (footer && label("shortcut")) {
    var p = document.createElement("p");
    p.className = "shortcut-setting";
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label("shortcut");
    b.setAttribute("aria-pressed", slashOn() ? "true" : "false");
    b.addEventListener("click", function () {
      var on = !slashOn();
      try { window.localStorage.setItem(SLASH, on ? "on" : "off"); } catch (e) { /* private mode */ }
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    p.appendChild(b);
    footer.appendChild(p);
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (!slashOn()) return;
    if (editable(e.target)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  // `index.html#search` (the links of the 404 page) opens with the box focused.
  if (window.location.hash === "#search") input.focus();

  // Close when the reader clicks or tabs elsewhere.
  document.addEventListener("mousedown", function (e) {
    if (!box.contains(e.target)) close();
  });
  box.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) {
      window.setTimeout(function () {
        if (!box.contains(document.activeElement)) close();
      }, 0);
    }
  });
})();
