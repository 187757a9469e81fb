/* labelbook: versions on translated sites, and the "latest" link of the outdated banner.

   With every version in one folder (SITE/<version>/ and SITE/<version>/<lang>/), Material's
   own version selector works on the source-language pages: it finds ../versions.json from
   the site root. A translated site is one folder deeper, where Material would look for
   SITE/<version>/versions.json and build wrong links, so labelbook sets Material's version
   provider to "labelbook" there and draws the same selector itself, with links that keep
   the language and the page, and with the version names in the page's language ("dev" and
   "latest" as words of the language, numbers in its digits: `configure_ui`) while the
   URLs keep the folder names. No request leaves the site. */
(function () {
  "use strict";

  function config(id) {
    var el = document.getElementById(id || "__config");
    try { return el ? JSON.parse(el.textContent) : null; } catch (e) { return null; }
  }

  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function start() {
    var cfg = config();
    var version = cfg && cfg.version;
    if (!version || !version.labelbook) return;
    var langRoot = version.labelbook.lang_root || "";            // "bn/" or ""
    var here = new URL(cfg.base.replace(/\/?$/, "/"), location.href);  // this language's root
    var versionRoot = new URL("../".repeat(langRoot.split("/").filter(Boolean).length) || "./", here);
    var siteRoot = new URL("../", versionRoot);
    var current = versionRoot.pathname.replace(/\/$/, "").split("/").pop();
    var page = location.pathname.indexOf(here.pathname) === 0 ? location.pathname.slice(here.pathname.length) : "";
    var words = config("lb-config") || {};
    var names = words.names || {};
    var digits = String(words.digits || "0123456789");
    var shown = function (name) {
      name = String(name);
      if (Object.prototype.hasOwnProperty.call(names, name)) return String(names[name]);
      return name.replace(/[0-9]/g, function (d) { return digits.charAt(+d) || d; });
    };
    // A version name is a folder of this site: encoded as a path segment, and a URL of
    // another scheme ("javascript:", from a versions.json labelbook did not write) leads nowhere.
    var sameScheme = function (url) { return url.protocol === location.protocol ? url.href : "#"; };
    var target = function (v) { return sameScheme(new URL(encodeURIComponent(v) + "/" + langRoot + page, siteRoot)); };
    var fallback = function (v) { return sameScheme(new URL(encodeURIComponent(v) + "/" + langRoot, siteRoot)); };

    // The banner's link leads to this page in the latest version (Material's links to the root).
    document.querySelectorAll("a.lb-latest-link").forEach(function (a) { a.href = target("latest"); });
    if (version.provider !== "labelbook") return;  // Material draws the selector itself

    fetch(new URL("versions.json", siteRoot)).then(function (r) { return r.ok ? r.json() : []; }).then(function (versions) {
      if (!Array.isArray(versions) || !versions.length) return;
      var mine = versions.find(function (v) { return v.version === current || (v.aliases || []).indexOf(current) >= 0; }) || versions[0];
      var isDefault = (mine.aliases || []).concat(mine.version).some(function (a) { return a === (version.default || "latest"); });
      if (!isDefault) {
        document.querySelectorAll("[data-md-component=outdated]").forEach(function (b) { b.hidden = false; });
      }
      var topic = document.querySelector(".md-header__topic");
      if (!topic || topic.querySelector(".md-version")) return;
      var list = el("ul", { "class": "md-version__list" }, versions.filter(function (v) {
        return !(v.properties && v.properties.hidden);
      }).map(function (v) {
        var a = el("a", { "class": "md-version__link", href: target(v.version), "data-lb-version": v.version }, [shown(v.title)]);
        if ((v.aliases || []).length) a.append(el("span", { "class": "md-version__alias" }, [shown(v.aliases[0])]));
        return el("li", { "class": "md-version__item" }, [a]);
      }));
      var label = (cfg.translations && cfg.translations["select.version"]) || "Select version";
      topic.append(el("div", { "class": "md-version" }, [
        el("button", { "class": "md-version__current", "aria-label": label }, [shown(mine.title)]), list]));
      // Stay on this page in the chosen version where it exists; else that version's home.
      list.addEventListener("click", function (ev) {
        var a = ev.target instanceof Element ? ev.target.closest("a.md-version__link") : null;
        if (!a || ev.metaKey || ev.ctrlKey) return;
        ev.preventDefault();
        var v = a.getAttribute("data-lb-version");
        fetch(target(v), { method: "HEAD" }).then(function (r) {
          location.href = r.ok ? target(v) : fallback(v);
        }, function () { location.href = fallback(v); });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
