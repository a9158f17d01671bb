/* The query editor on /query: YASGUI (static/vendor/yasgui), set up to talk to this site only.

   - Queries go to /query/results, a page at a time (page, size); the pager under the editor
     moves between pages. "All" sends the query unpaged, as /sparql answers it.
   - Completion of prefixes, classes, properties and concept IRIs comes from
     /query/completions, never from prefix.cc or Linked Open Vocabularies.
   - Results read as the site's pages do: jarid:... names, links to /doc/ and /def/, no
     datatype beside plain numbers and strings; the row-limit notice and the server's
     error messages (the time limit among them) show in the result view.
   - The query library's queries open in a tab of their own from the examples menu.
   Without this script (or without YASGUI) the page is the plain form. */
(function () {
  "use strict";
  var host = document.getElementById("yasgui");
  var app = document.getElementById("editor");
  var configElement = document.getElementById("editor-config");
  if (!host || !app || !configElement || !window.Yasgui) return;
  var site = JSON.parse(configElement.textContent);
  var Yasgui = window.Yasgui, Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
  var NS = site.namespaces;
  var PLAIN = {};
  site.plainDatatypes.forEach(function (d) { PLAIN[d] = true; });
  var status = document.getElementById("editor-status");
  var SIZE_KEY = "jargraph.editor.size";

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // ------------------------------------------------------------ terms, as jargraph.terms shows them

  function byLength(prefixes) {
    return Object.keys(prefixes).map(function (p) { return [p, prefixes[p]]; })
      .sort(function (a, b) { return b[1].length - a[1].length; });
  }
  var SITE_PREFIXES = byLength(site.prefixes);

  function shortIri(iri, prefixes) {
    var list = prefixes || SITE_PREFIXES;
    for (var i = 0; i < list.length; i++) {
      var ns = list[i][1];
      if (ns && iri.indexOf(ns) === 0 && iri.length > ns.length) {
        return list[i][0] + ":" + iri.slice(ns.length);
      }
    }
    return iri;
  }

  function href(iri) {
    if (iri.indexOf(NS.id) === 0) return "/doc/" + encodeURI(iri.slice(NS.id.length));
    if (iri === NS.base + "def" || iri === NS.def) return "/def";
    if (iri.indexOf(NS.def) === 0) return "/def/" + encodeURIComponent(iri.slice(NS.def.length));
    if (iri.indexOf(NS.graph) === 0) return null;
    if (/^https?:\/\//.test(iri)) return iri;
    return null;
  }

  var Table = Yasr.plugins.table;
  class SiteTable extends Table {
    getUriLinkFromBinding(binding, prefixes) {
      var iri = binding.value;
      var text = shortIri(iri, byLength(Object.assign({}, site.prefixes, prefixes || {})));
      var link = href(iri);
      var title = ' title="' + escapeHtml(iri) + '"';
      if (!link) return '<span class="iri"' + title + ">" + escapeHtml(text) + "</span>";
      return '<a class="iri" href="' + escapeHtml(link) + '"' + title + ">" + escapeHtml(text) + "</a>";
    }
    formatLiteral(binding, prefixes) {
      var text = escapeHtml(binding.value);
      if (binding.type === "bnode") return "_:" + text;
      var note = binding["xml:lang"] || "";
      if (!note && binding.datatype && !PLAIN[binding.datatype]) {
        note = shortIri(binding.datatype, byLength(Object.assign({}, site.prefixes, prefixes || {})));
      }
      return note ? text + ' <span class="note">' + escapeHtml(note) + "</span>" : text;
    }
    getRows() {
      // rows are numbered within the whole answer, not within the page
      var where = pageOf(this.yasr.results);
      var offset = where ? (where.page - 1) * where.size : 0;
      return super.getRows().map(function (row) { row[0] += offset; return row; });
    }
    draw(config) {
      // A page from the server is shown whole; an unpaged answer pages in the table itself.
      var where = pageOf(this.yasr.results);
      var rows = where ? Math.max(where.shown, 1) : (config && config.pageSize) || site.defaultSize;
      return super.draw(Object.assign({}, config || {}, { pageSize: rows }));
    }
  }

  function pageOf(results) {
    /* Where a response sits in the whole answer, from the headers of /query/results. */
    var response = results && results.res;
    var headers = response && response.headers;
    var page = headers && headers.get ? headers.get("X-JARGRAPH-Page") : null;
    if (!page) return null;
    var bindings = results.getBindings();
    return {
      page: parseInt(page, 10),
      size: parseInt(headers.get("X-JARGRAPH-Page-Size"), 10),
      hasNext: headers.get("X-JARGRAPH-Has-Next") === "true",
      shown: bindings ? bindings.length : 0
    };
  }
  Yasr.registerPlugin("table", SiteTable);

  // ------------------------------------------------------------ errors in the result view

  function errorView(error) {
    var text = (error && error.text) || "";
    var box = document.createElement("div");
    box.className = "jar-error";
    var heading = document.createElement("h3");
    var message = document.createElement("pre");
    box.appendChild(heading);
    box.appendChild(message);
    if (/abort/i.test(text)) {
      heading.textContent = "The query was cancelled.";
      box.removeChild(message);
      return box;
    }
    var body = null;
    try { body = JSON.parse(text); } catch (e) { body = null; }
    if (!body || !body.message) return undefined;
    heading.textContent = /time limit/.test(body.message)
      ? "The query ran past the time limit (" + body.status + ")"
      : "The query could not be run (" + body.status + " " + (body.error || "") + ")";
    message.textContent = body.message;
    return box;
  }
  Yasr.defaults.errorRenderers = [errorView];

  // ------------------------------------------------------------ completion from the site

  var completions = fetch(site.completions, { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .catch(function () { return {}; })
    .then(function (data) { app.setAttribute("data-completions", "ready"); return data; });

  function fromSite(key) {
    // all of them for the completer's index; those matching a token asked before it is made
    return function (yasqe, token) {
      return completions.then(function (data) {
        var all = data[key] || [];
        var start = token && (token.autocompletionString || token.string);
        return start ? all.filter(function (i) { return i.indexOf(start) === 0; }) : all;
      });
    };
  }

  function termHints(yasqe, hints) {
    hints.forEach(function (h) {
      var iri = h.text.charAt(0) === "<" ? h.text.slice(1, -1) : null;
      if (iri) h.displayText = shortIri(iri);
    });
    return hints;
  }

  var builtIn = Yasqe.Autocompleters;
  Yasqe.registerAutocompleter(Object.assign({}, builtIn.prefixes, {
    persistenceId: null,
    get: function (yasqe, token) {
      return completions.then(function (data) {
        var prefixes = data.prefixes || {};
        var all = Object.keys(prefixes).sort().map(function (p) { return p + ": <" + prefixes[p] + ">"; });
        var start = token && (token.autocompletionString || token.string);
        return start ? all.filter(function (p) { return p.indexOf(start) === 0; }) : all;
      });
    }
  }));
  Yasqe.registerAutocompleter(Object.assign({}, builtIn.class, {
    get: fromSite("classes"), bulk: true, autoShow: true, persistenceId: null
  }));
  Yasqe.registerAutocompleter(Object.assign({}, builtIn.property, {
    get: fromSite("properties"), bulk: true, autoShow: true, persistenceId: null
  }));
  Yasqe.registerAutocompleter(Object.assign({}, builtIn.class, {
    name: "term",
    get: fromSite("terms"),
    bulk: true,
    autoShow: true,
    persistenceId: null,
    isValidCompletionPosition: function (yasqe) {
      var token = yasqe.getCompleteToken().string;
      return token.indexOf("jarid:") === 0 || token.indexOf("<" + NS.id) === 0;
    },
    postProcessSuggestion: function (yasqe, token, suggestion) {
      // a local part with "/" is not a legal prefixed name: write the whole IRI
      return "<" + suggestion + ">";
    },
    postprocessHints: termHints
  }));

  // ------------------------------------------------------------ pages

  var size = window.localStorage ? (localStorage.getItem(SIZE_KEY) || "") : "";
  if (size !== "all" && site.pageSizes.indexOf(parseInt(size, 10)) < 0) size = String(site.defaultSize);
  var asked = {};     // tab id -> the page the pager asked for

  document.body.classList.add("editor-on");
  app.hidden = false;  // before YASGUI draws: the editor measures itself
  var yasgui = new Yasgui(host, {
    requestConfig: {
      endpoint: function () { return window.location.origin + site.endpoint; },
      method: "POST"
    },
    endpointCatalogueOptions: { getData: function () { return []; }, keys: [] },
    copyEndpointOnNewTab: false,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: site.defaultQuery },
    yasr: { prefixes: site.prefixes }
  });

  function setStatus(text, running, tab) {
    status.textContent = text;
    status.classList.toggle("running", !!running);
    if (running) {
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "secondary";
      cancel.id = "cancel-query";
      cancel.textContent = "Cancel";
      cancel.addEventListener("click", function () {
        var yasqe = tab.getYasqe();
        if (yasqe) yasqe.abortQuery();
      });
      status.appendChild(cancel);
    }
  }

  function yasrParts(tab) {
    var yasr = tab.getYasr();
    if (!yasr) return null;
    var notice = yasr.rootEl.querySelector(".jar-notice");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "notice jar-notice";
      notice.hidden = true;
      yasr.rootEl.insertBefore(notice, yasr.resultsEl);
    }
    var pager = yasr.rootEl.querySelector("nav.pager");
    if (!pager) {
      pager = document.createElement("nav");
      pager.className = "pager";
      pager.setAttribute("aria-label", "Pages of the answer");
      pager.hidden = true;
      yasr.rootEl.insertBefore(pager, notice);
    }
    return { yasr: yasr, notice: notice, pager: pager };
  }

  function goTo(tab, page) {
    var yasqe = tab.getYasqe();
    if (yasqe) yasqe.abortQuery();  // before asking: an abort forgets the page asked for
    asked[tab.getId()] = page;
    tab.query().catch(function () {});
  }

  function drawPager(tab, parts, where) {
    var nav = parts.pager;
    nav.textContent = "";
    var count = document.createElement("p");
    count.className = "count";
    if (where) {
      var first = (where.page - 1) * where.size + 1, last = first + where.shown - 1;
      if (where.page === 1 && !where.hasNext) count.textContent = where.shown + (where.shown === 1 ? " row." : " rows.");
      else if (where.shown === 0) count.textContent = "No rows on page " + where.page + ": the answer ends before it.";
      else count.textContent = "Rows " + first + "–" + last + (where.hasNext ? "; more follow." : " of " + last + ".");
    }
    nav.appendChild(count);
    function button(label, cls, page) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary " + cls;
      b.textContent = label;
      b.addEventListener("click", function () { goTo(tab, page); });
      nav.appendChild(b);
    }
    if (where && where.page > 1) button("← Previous page", "previous", where.page - 1);
    if (where && where.hasNext) button("Next page →", "next", where.page + 1);
    var label = document.createElement("label");
    label.textContent = "Rows per page ";
    var select = document.createElement("select");
    select.className = "page-size";
    site.pageSizes.concat(["all"]).forEach(function (s) {
      var option = document.createElement("option");
      option.value = String(s);
      option.textContent = s === "all" ? "all (up to the row limit)" : String(s);
      option.selected = String(s) === size;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      size = select.value;
      if (window.localStorage) localStorage.setItem(SIZE_KEY, size);
      goTo(tab, 1);
    });
    label.appendChild(select);
    nav.appendChild(label);
    // the page's rows are in YASR's own download; the whole answer is the endpoint's
    var whole = document.createElement("span");
    whole.className = "downloads";
    whole.appendChild(document.createTextNode("Whole answer: "));
    [["csv", "CSV"], ["json", "JSON"]].forEach(function (format, i) {
      var link = document.createElement("a");
      link.href = "/sparql?" + new URLSearchParams({ query: tab.getQuery(), format: format[0] });
      link.textContent = format[1];
      if (i) whole.appendChild(document.createTextNode(", "));
      whole.appendChild(link);
    });
    nav.appendChild(whole);
    nav.hidden = false;
  }

  function answered(tab) {
    var parts = yasrParts(tab);
    if (!parts) return;
    var results = parts.yasr.results;
    var response = results && results.res;
    var headers = response && response.headers;
    parts.notice.hidden = true;
    parts.pager.hidden = true;
    parts.yasr.rootEl.classList.remove("paged");
    if (!headers || !response.ok) {
      var error = results && results.getError ? results.getError() : null;
      setStatus(error && /abort/i.test(error.text || "") ? "Cancelled." : "", false);
      return;
    }
    var seconds = (results.getResponseTime() || 0) / 1000;
    setStatus("Answered in " + seconds.toFixed(2) + " s.", false);
    var where = pageOf(results);
    if (where) {
      parts.yasr.rootEl.classList.add("paged");
      drawPager(tab, parts, where);
    } else if (results.getBindings()) {
      drawPager(tab, parts, null);
    }
    if (headers.get("X-JARGRAPH-Truncated") === "true") {
      var limit = headers.get("X-JARGRAPH-Row-Limit") || site.rowLimit;
      parts.notice.textContent = "Only the first " + limit + " rows came back: the answer was cut at " +
        "the server's row limit. Choose a page size to page through all of it.";
      parts.notice.hidden = false;
    }
  }

  yasgui.on("queryBefore", function (instance, tab) {
    // the page and size go with the request as arguments of the tab's own
    var page = asked[tab.getId()] || 1;
    var others = (tab.getRequestConfig().args || []).filter(function (a) {
      return a.name !== "page" && a.name !== "size";
    });
    tab.setRequestConfig({
      args: others.concat([{ name: "page", value: String(page) }, { name: "size", value: size }])
    });
  });
  yasgui.on("query", function (instance, tab) {
    setStatus("Running… ", true, tab);
    ["results-section", "error-section"].forEach(function (id) {
      var section = document.getElementById(id);
      if (section) section.hidden = true;
    });
  });
  yasgui.on("queryAbort", function (instance, tab) {
    delete asked[tab.getId()];
    setStatus("Cancelled.", false);
  });
  yasgui.on("queryResponse", function (instance, tab) {
    delete asked[tab.getId()];
    window.setTimeout(function () { answered(tab); }, 0);
  });

  // ------------------------------------------------------------ the page around the editor

  // the examples become a menu above the editor; each opens in a tab of its own
  var aside = document.getElementById("examples");
  var menu = null;
  if (aside && aside.querySelector("ul")) {
    menu = document.createElement("details");
    menu.className = "examples-menu";
    menu.id = "examples-menu";
    var summary = document.createElement("summary");
    summary.textContent = "Examples from the query library (" +
      aside.querySelectorAll("a.example").length + ")";
    menu.appendChild(summary);
    menu.appendChild(aside.querySelector("ul"));
    app.insertBefore(menu, app.firstChild);
    aside.hidden = true;
  }

  var form = document.getElementById("query-form");
  var submitted = form && form.getAttribute("data-asked") === "true"
    ? document.getElementById("query").value : null;
  if (submitted) {
    yasgui.addTab(true, { name: "Submitted query", yasqe: { value: submitted } },
      { avoidDuplicateTabs: true });
  }

  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      yasgui.addTab(true, {
        name: link.textContent.trim().slice(0, 40),
        yasqe: { value: link.getAttribute("data-sparql") }
      }, { avoidDuplicateTabs: true });
      document.querySelectorAll("a.example.loaded").forEach(function (a) { a.classList.remove("loaded"); });
      link.classList.add("loaded");
      if (menu) menu.open = false;
    });
  });
})();
