/// The mustache templates of ``HTMLReport``, kept in the source so that the executable needs no
/// resource bundle. Every `{{name}}` is HTML-escaped by swift-mustache (`<`, `>`, `&`, `"`, `'`);
/// nothing the document supplies goes through a triple mustache.
enum HTMLTemplates {
    /// Sets counts on `<body>` once the page and its images have loaded, for the headless-browser
    /// check (`scripts/browser-check`, the ReportsTests browser test): `data-finding-rows`,
    /// `data-mismatch-rows`, `data-images`, `data-images-decoded`, `data-height` (of the whole page, in CSS pixels), `data-loaded`.
    ///
    /// Its SHA-256 is allowed by the page's Content-Security-Policy (``scriptHash``); change one,
    /// change both (`printf %s "$SCRIPT" | openssl dgst -sha256 -binary | base64`). The browser test
    /// fails when they disagree, because the script then does not run.
    static let loadScript = """
        addEventListener("load", function () {
          var body = document.body, images = Array.prototype.slice.call(document.images);
          body.setAttribute("data-finding-rows", document.querySelectorAll("tr.finding").length);
          body.setAttribute("data-mismatch-rows", document.querySelectorAll("tr.mismatch").length);
          body.setAttribute("data-images", images.length);
          body.setAttribute("data-images-decoded", images.filter(function (image) {
            return image.complete && image.naturalWidth > 0;
          }).length);
          body.setAttribute("data-height", document.documentElement.scrollHeight);
          body.setAttribute("data-loaded", "1");
        });
        """

    /// `sha256-` and the base64 SHA-256 of ``loadScript``.
    static let scriptHash = "sha256-H2T5R33+d6ZU3H9Nt781CG+xeieUcXZRdlTT24Rk8sU="

    static let page = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '\(scriptHash)'; base-uri 'none'; form-action 'none'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="juesuan">
        <title>{{title}}: {{subject.fileName}}</title>
        <style>
        \(style)
        </style>
        <script>\(loadScript)</script>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        <table class="identity">
        <tr><th>File</th><td class="file">{{subject.fileName}}</td></tr>
        <tr><th>SHA-256</th><td class="hash"><code>{{subject.sha256}}</code></td></tr>
        <tr><th>Pages</th><td>{{subject.pages}}</td></tr>
        <tr><th>Department</th><td>{{subject.department}}</td></tr>
        <tr><th>Year</th><td>{{subject.year}}</td></tr>
        </table>
        <p class="note">{{evidenceNote}}</p>
        </header>
        {{#findings}}
        {{> items}}
        {{/findings}}
        {{#mismatches}}
        {{> items}}
        {{/mismatches}}
        <footer>Made by juesuan. Amounts are as printed; crops are rendered from the PDF named above, with the cell or sentence outlined in red.</footer>
        </body>
        </html>

        """

    /// One section, findings or mismatches: its counts, then a row per item followed by its
    /// evidence row.
    static let items = """
        <section id="{{id}}">
        <h2>{{heading}}</h2>
        <p class="totals">{{totals}}</p>
        {{> counts}}
        {{#hasRows}}
        <table class="items">
        <thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr class="{{kind}} {{severity}}" id="{{kind}}-{{number}}">
        <td class="number">{{number}}</td>{{#cells}}<td{{#cssClass}} class="{{cssClass}}"{{/cssClass}}>{{text}}</td>{{/cells}}
        <td class="message">{{message}}{{#sentence}}<blockquote>{{sentence}}</blockquote>{{/sentence}}{{#record}}<div class="record">record: {{record}}</div>{{/record}}</td>
        </tr>
        {{#evidence}}
        {{> evidence}}
        {{/evidence}}
        {{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p class="none">{{none}}</p>{{/hasRows}}
        </section>

        """

    /// The counts by kind (rule) and severity of one section.
    static let counts = """
        <table class="counts">
        <thead><tr><th>{{kindLabel}}</th><th>error</th><th>warning</th><th>info</th><th>total</th></tr></thead>
        <tbody>
        {{#counts}}
        <tr><td>{{kind}}</td><td class="count">{{error}}</td><td class="count">{{warning}}</td><td class="count">{{info}}</td><td class="count">{{total}}</td></tr>
        {{/counts}}
        </tbody>
        </table>
        """

    /// The row under a finding or mismatch that shows its crop (or why there is none).
    static let evidence = """
        {{#crop}}
        <tr class="evidence"><td colspan="10">
        <figure class="crop" data-page="{{page}}" data-region="{{region}}" data-box="{{box}}" data-outline="{{outline}}">
        <img src="data:image/png;base64,{{png}}" width="{{displayWidth}}" height="{{displayHeight}}" alt="{{caption}}">
        <figcaption>{{caption}}</figcaption>
        </figure>
        </td></tr>
        {{/crop}}
        {{#sameCrop}}
        <tr class="evidence"><td colspan="10" class="same-crop">Crop: the same as for <a href="#{{anchor}}">{{label}}</a>.</td></tr>
        {{/sameCrop}}
        {{#cropError}}
        <tr class="evidence"><td colspan="10" class="no-crop">No crop: {{cropError}}</td></tr>
        {{/cropError}}
        """

    static let style = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 24px; color: #1d1d1f; font-size: 14px; }
        h1 { font-size: 22px; margin: 0 0 12px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #d0d0d0; padding: 4px 6px; vertical-align: top; text-align: left; }
        th { background: #f2f2f2; font-weight: 600; }
        table.identity th { width: 8em; }
        td.hash code { font-size: 12px; word-break: break-all; }
        table.counts { margin: 8px 0 16px; }
        td.count, td.amount, td.number, td.page { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.items { width: 100%; }
        tr.error td.severity, tr.error td.kind { color: #b00020; font-weight: 600; }
        tr.warning td.severity { color: #9a6700; font-weight: 600; }
        tr.info td { color: #555; }
        td.message blockquote { margin: 4px 0 0; padding-left: 8px; border-left: 3px solid #ccc; color: #444; }
        div.record { color: #555; font-size: 12px; margin-top: 2px; }
        tr.evidence td { background: #fafafa; }
        figure.crop { margin: 4px 0; }
        figure.crop img { max-width: 100%; height: auto; border: 1px solid #bbb; display: block; }
        figcaption { font-size: 12px; color: #555; margin-top: 2px; }
        td.no-crop { color: #b00020; font-size: 12px; }
        td.same-crop { font-size: 12px; color: #555; }
        p.note, p.none, p.totals { color: #444; }
        footer { margin-top: 32px; font-size: 12px; color: #666; }
        @media print { tr.finding, tr.mismatch, tr.evidence { break-inside: avoid; } body { margin: 0; } }
        """
}
