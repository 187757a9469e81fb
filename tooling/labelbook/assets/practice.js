/* labelbook practice quiz: runs in the page, from the JSON in
 * <script type="application/json" id="lb-practice-data">, with no server and no other request.
 * Every string shown comes from that JSON (data.strings), so the page can be in any language.
 * What items share is in it once (data.decisions, data.rules, data.modalities,
 * data.content_warnings, data.notice) and an item names it by id: see quiz/practice.py.
 * Example content is set as text, never as HTML: whatever an example quotes stays text.
 * The rationale's HTML (Markdown that labelbook rendered and sanitised) is not given to
 * innerHTML either: it is parsed into an inert document and only plain formatting
 * elements, their text and safe links are copied into the page.
 * Keyboard: options and "next" are <button>s (Tab to reach, Enter or Space to press);
 * focus moves to the feedback after an answer and to the question after "next".
 */
(function () {
  "use strict";

  var DATA_ID = "lb-practice-data";
  var ROOT_ID = "lb-practice";

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var FORMATTING = /^(P|BR|EM|STRONG|B|I|U|CODE|PRE|KBD|SUB|SUP|SMALL|MARK|DEL|S|INS|Q|BLOCKQUOTE|UL|OL|LI|A|H[1-6]|TABLE|THEAD|TBODY|TR|TH|TD|HR|SPAN)$/;
  var SAFE_HREF = /^(https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i;

  // Copies the plain formatting of `html` into `parent`; everything else becomes its text.
  function appendFormatted(parent, html) {
    var doc = new DOMParser().parseFromString(String(html || ""), "text/html");  // scripts never run in it
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) { to.appendChild(document.createTextNode(node.data)); return; }
        if (node.nodeType !== 1 || /^(SCRIPT|STYLE|TEMPLATE)$/.test(node.tagName)) return;
        if (!FORMATTING.test(node.tagName)) { copy(node, to); return; }
        var out = document.createElement(node.tagName.toLowerCase());
        var href = node.tagName === "A" ? (node.getAttribute("href") || "").replace(/[\u0000-\u0020\u007f]/g, "") : "";
        if (href && SAFE_HREF.test(href)) out.setAttribute("href", node.getAttribute("href"));
        copy(node, out);
        to.appendChild(out);
      });
    })(doc.body, parent);
  }

  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var tmp = copy[i]; copy[i] = copy[j]; copy[j] = tmp;
    }
    return copy;
  }

  function Practice(root, data) {
    this.root = root;
    this.data = data;
    this.s = data.strings || {};
    var lang = data.lang || document.documentElement.lang || "en";
    try {
      // Bengali pages show Bengali digits, as the rest of the site does.
      this.numbers = new Intl.NumberFormat(lang);
    } catch (e) {
      this.numbers = { format: String };
    }
  }

  Practice.prototype.num = function (n) { return this.numbers.format(n); };

  // An item's entry in one of the data's tables; "" rather than a crash for a missing one.
  Practice.prototype.lookup = function (table, key) {
    var entries = this.data[table] || {};
    return Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : "";
  };

  Practice.prototype.start = function (focus) {
    var items = this.data.items || [];
    var pool = this.data.shuffle === false ? items.slice() : shuffled(items);
    var count = Math.max(1, Math.min(this.data.count || 10, pool.length));
    this.session = pool.slice(0, count);
    this.index = 0;
    this.score = 0;
    if (!this.session.length) {
      this.root.replaceChildren(el("p", "lb-practice__empty", this.s.empty));
      return;
    }
    this.showQuestion(focus);
  };

  Practice.prototype.showQuestion = function (focus) {
    var self = this;
    var item = this.session[this.index];
    var card = el("div", "lb-practice__card");
    card.setAttribute("data-item", item.id);

    var progress = el("p", "lb-practice__progress",
      fmt(this.s.question_of, { n: this.num(this.index + 1), total: this.num(this.session.length) }));
    progress.tabIndex = -1;
    card.appendChild(progress);
    card.appendChild(el("p", "lb-practice__modality", this.lookup("modalities", item.modality)));

    var content = el("p", "lb-practice__content", item.content);
    // The root carries the page's language; a stand-in is in the source language.
    if (item.fallback && this.data.source_lang) content.lang = this.data.source_lang;
    if (item.sensitive) {
      // Sensitive examples stay collapsed until the reader opens them, as on the rule pages.
      var warning = this.lookup("content_warnings", this.lookup("rules", item.rule).area);
      var details = el("details", "lb-practice__sensitive");
      var summary = el("summary", "lb-practice__warning", warning + " " + (this.s.show_example || ""));
      details.appendChild(summary);
      details.appendChild(content);
      card.appendChild(details);
    } else {
      card.appendChild(content);
    }
    if (item.fallback && this.data.notice) card.appendChild(el("p", "lb-practice__notice", this.data.notice));

    var group = el("div", "lb-practice__options");
    group.setAttribute("role", "group");
    var promptId = ROOT_ID + "-prompt-" + this.index;
    var prompt = el("p", "lb-practice__prompt", this.s.prompt);
    prompt.id = promptId;
    group.setAttribute("aria-labelledby", promptId);
    card.appendChild(prompt);
    (item.options || this.data.options || []).forEach(function (id) {
      // neutral: a colour would hint at the answer
      var button = el("button", "lb-practice__option", self.lookup("decisions", id));
      button.type = "button";
      button.setAttribute("data-option", id);
      button.addEventListener("click", function () { self.answer(item, id, group, card); });
      group.appendChild(button);
    });
    card.appendChild(group);

    this.root.replaceChildren(card);
    if (focus) progress.focus();
  };

  Practice.prototype.answer = function (item, choice, group, card) {
    if (group.getAttribute("data-answered")) return;
    group.setAttribute("data-answered", choice);
    var right = choice === item.key;
    if (right) this.score += 1;
    var keyText = "";
    Array.prototype.forEach.call(group.querySelectorAll("button"), function (button) {
      var id = button.getAttribute("data-option");
      // aria-disabled rather than disabled: the options stay readable by screen readers.
      button.setAttribute("aria-disabled", "true");
      if (id === choice) { button.classList.add("lb-practice__option--chosen"); button.setAttribute("aria-pressed", "true"); }
      if (id === item.key) { button.classList.add("lb-practice__option--key"); keyText = button.textContent; }
    });

    var feedback = el("div", "lb-practice__feedback " + (right ? "lb-practice__feedback--right" : "lb-practice__feedback--wrong"));
    feedback.setAttribute("role", "status");
    var verdict = el("p", "lb-practice__verdict", right ? this.s.correct : fmt(this.s.incorrect, { answer: keyText }));
    verdict.tabIndex = -1;
    feedback.appendChild(verdict);
    feedback.appendChild(el("p", "lb-practice__why", this.s.why));
    var rationale = el("div", "lb-practice__rationale");
    appendFormatted(rationale, item.rationale_html);
    feedback.appendChild(rationale);
    var linkLine = el("p", "lb-practice__rule");
    var rule = this.lookup("rules", item.rule);
    var link = el("a", null, fmt(this.s.rule_link, { rule: item.rule, title: rule.title }));
    link.href = (this.data.root || "") + rule.url;
    linkLine.appendChild(link);
    feedback.appendChild(linkLine);

    var last = this.index + 1 >= this.session.length;
    var next = el("button", "lb-practice__next", last ? this.s.finish : this.s.next);
    next.type = "button";
    var self = this;
    next.addEventListener("click", function () {
      self.index += 1;
      if (last) self.showScore(); else self.showQuestion(true);
    });
    feedback.appendChild(next);
    card.appendChild(feedback);
    next.focus();
  };

  Practice.prototype.showScore = function () {
    var self = this;
    var box = el("div", "lb-practice__result");
    var score = el("p", "lb-practice__score",
      fmt(this.s.score, { score: this.num(this.score), total: this.num(this.session.length) }));
    score.tabIndex = -1;
    score.setAttribute("role", "status");
    score.setAttribute("data-score", String(this.score));
    score.setAttribute("data-total", String(this.session.length));
    box.appendChild(score);
    var again = el("button", "lb-practice__restart", this.s.restart);
    again.type = "button";
    again.addEventListener("click", function () { self.start(true); });
    box.appendChild(again);
    this.root.replaceChildren(box);
    again.focus();
  };

  function boot() {
    var script = document.getElementById(DATA_ID);
    if (!script) return;
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (e) {
      return; // a broken page is the site's bug; show nothing rather than half a quiz
    }
    var root = document.getElementById(ROOT_ID);
    if (!root) {
      root = el("div");
      root.id = ROOT_ID;
      script.parentNode.insertBefore(root, script.nextSibling);
    }
    if (root.getAttribute("data-started")) return; // DOMContentLoaded and document$ both fire on a first load
    root.setAttribute("data-started", "true");
    root.classList.add("lb-practice");
    if (data.lang) root.lang = data.lang;
    new Practice(root, data).start(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
  // Material's instant navigation swaps pages without a reload: start again on each page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { boot(); });
  }
})();
