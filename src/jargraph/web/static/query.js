/* The query editor: highlighting behind the textarea, examples loaded in place.
   Without this script the page is a plain form and the examples are links. */
(function () {
  "use strict";
  var KEYWORDS = ("select construct describe ask where from named prefix base distinct reduced " +
    "optional union minus filter bind values graph service silent order by asc desc limit offset " +
    "group having as not exists in a true false undef count sum min max avg sample group_concat " +
    "separator str lang langmatches datatype bound iri uri bnode rand abs ceil floor round concat " +
    "strlen ucase lcase encode_for_uri contains strstarts strends strbefore strafter year month day " +
    "hours minutes seconds timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if " +
    "strlang strdt sameterm isiri isuri isblank isliteral isnumeric regex substr replace").split(" ");
  var KW = {};
  KEYWORDS.forEach(function (k) { KW[k] = true; });
  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$)|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                      // 3 IRI
    "([?$][A-Za-z0-9_\\u00B7-\\uFFFF]+)",            // 4 variable
    "([A-Za-z][\\w.-]*:[\\w.:%\\\\-]*|:[\\w.:%\\\\-]+)", // 5 prefixed name
    "(\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)",     // 6 number
    "([A-Za-z_][A-Za-z0-9_]*)"                       // 7 word
  ].join("|"), "g");

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function span(cls, text) {
    return '<span class="' + cls + '">' + escapeHtml(text) + "</span>";
  }

  function highlight(text, errorLine) {
    var out = "", last = 0, match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex++; continue; }
      out += escapeHtml(text.slice(last, match.index));
      if (match[1]) out += span("tok-com", match[1]);
      else if (match[2]) out += span("tok-str", match[2]);
      else if (match[3]) out += span("tok-iri", match[3]);
      else if (match[4]) out += span("tok-var", match[4]);
      else if (match[5]) out += span("tok-pname", match[5]);
      else if (match[6]) out += span("tok-num", match[6]);
      else if (match[7]) out += KW[match[7].toLowerCase()] ? span("tok-kw", match[7]) : escapeHtml(match[7]);
      last = TOKEN.lastIndex;
    }
    out += escapeHtml(text.slice(last));
    if (errorLine) {
      var lines = out.split("\n");
      if (errorLine <= lines.length) {
        lines[errorLine - 1] = '<span class="tok-err">' + lines[errorLine - 1] + "</span>";
      }
      out = lines.join("\n");
    }
    return out + "\n";
  }

  function enhance(editor) {
    var textarea = editor.querySelector("textarea");
    var code = editor.querySelector("pre.highlight code");
    var pre = editor.querySelector("pre.highlight");
    if (!textarea || !code) return;
    var position = document.querySelector(".error .position");
    var errorLine = 0;
    if (position) {
      var m = /Line (\d+)/.exec(position.textContent);
      if (m) errorLine = parseInt(m[1], 10);
    }
    function refresh() {
      code.innerHTML = highlight(textarea.value, errorLine);
      sync();
    }
    function sync() {
      pre.scrollTop = textarea.scrollTop;
      pre.scrollLeft = textarea.scrollLeft;
      pre.style.height = textarea.offsetHeight + "px";
    }
    textarea.addEventListener("input", function () { errorLine = 0; refresh(); });
    textarea.addEventListener("scroll", sync);
    if (window.ResizeObserver) new ResizeObserver(sync).observe(textarea);
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        textarea.form.submit();
      }
    });
    editor.classList.add("enhanced");
    refresh();

    document.querySelectorAll("a.example").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        textarea.value = link.getAttribute("data-sparql");
        errorLine = 0;
        refresh();
        document.querySelectorAll("a.example.loaded").forEach(function (a) {
          a.classList.remove("loaded");
        });
        link.classList.add("loaded");
        textarea.focus();
        textarea.setSelectionRange(0, 0);
        textarea.scrollTop = 0;
      });
    });
  }

  document.querySelectorAll(".editor").forEach(enhance);
})();
