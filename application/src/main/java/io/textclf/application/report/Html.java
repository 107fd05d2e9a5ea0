package io.textclf.application.report;

import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate with two decimals. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A score with four decimals, or an en dash when unknown. */
    static String score(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "\u2013";
    }

    /** A learning rate or other quantity of any magnitude, four significant digits. */
    static String general(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "\u2013";
    }

    /**
     * Writes {@code folder/report.html} (creating the folder), replacing it atomically.
     *
     * @return the page's path
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    static Path write(Path folder, String html) {
        Path page = folder.resolve(HtmlReport.FILE_NAME);
        requireReplaceable(page);
        try {
            AtomicFiles.replace(page, temporary -> Files.writeString(temporary, html, StandardCharsets.UTF_8));
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + page + ": " + AtomicFiles.reason(e, page), e);
        }
    }

    /** What every page says it was made by, so that a later report may replace it and nothing else. */
    private static final String GENERATOR = "<meta name=\"generator\" content=\"textclf\">";

    /** What the pages of earlier versions, without {@link #GENERATOR}, end with. */
    private static final String EARLIER_FOOTER = "<footer>Written by textclf ";

    /**
     * Refuses to replace a {@code report.html} that textclf did not write (a site's own page, say).
     *
     * @throws IllegalArgumentException naming the file
     * @throws UncheckedIOException     when it cannot be read
     */
    static void requireReplaceable(Path page) {
        if (!Files.isRegularFile(page)) {
            return;
        }
        try {
            String existing = Files.readString(page, StandardCharsets.ISO_8859_1);
            if (!existing.contains(GENERATOR) && !existing.contains(EARLIER_FOOTER)) {
                throw new IllegalArgumentException("refusing to overwrite " + page + ": it exists and is not a "
                        + "textclf report; choose another folder or delete it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page + ": " + AtomicFiles.reason(e, page), e);
        }
    }

    /** The page's start up to and including {@code <body>}: title, viewport, the report's styles. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" + GENERATOR
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body>\n";
    }

    /** The page's end: the footer and the script that sorts tables of class {@code sortable}. */
    static String foot(String textclfVersion) {
        return "<footer>Written by textclf " + escape(textclfVersion) + ". Self-contained: no network; click a "
                + "column heading to sort a table.</footer>\n<script>" + SORT_SCRIPT + "</script>\n</body></html>\n";
    }

    /**
     * Sorts a table's body by the clicked column, numbers as numbers (a cell's {@code data-value} when it
     * has one), again to reverse.
     */
    private static final String SORT_SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              var heads = table.tHead.rows[0].cells;
              Array.prototype.forEach.call(heads, function (th, column) {
                th.tabIndex = 0;
                th.addEventListener('click', function () {
                  var ascending = th.getAttribute('data-sort') !== 'asc';
                  Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('data-sort'); });
                  th.setAttribute('data-sort', ascending ? 'asc' : 'desc');
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  var key = function (row) {
                    var cell = row.cells[column];
                    return cell.getAttribute('data-value') || cell.textContent.trim();
                  };
                  rows.sort(function (x, y) {
                    var a = key(x), b = key(y), p = parseFloat(a), q = parseFloat(b);
                    var order = !isNaN(p) && !isNaN(q) ? p - q : a.localeCompare(b);
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            });
            """;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;\
            max-width:1180px;padding:24px;color:#1b1f24;background:#fff}
            h1{margin:0 0 4px;font-size:26px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #d8dee4;\
            padding-bottom:4px}
            .subtitle{color:#57606a;margin:0 0 16px;font-size:14px;word-break:break-all}
            .note{color:#57606a;font-size:13px;margin:6px 0}
            .warning{color:#9a6700;background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 10px;\
            font-size:13px;margin:8px 0}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{flex:1 1 0;border:1px solid #d8dee4;border-radius:8px;padding:10px 14px;min-width:120px;background:#f6f8fa}
            .card-name{font-size:12px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
            .card-value{font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}
            .card-detail{font-size:12px;color:#57606a}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            svg.chart{border:1px solid #d8dee4;border-radius:8px;background:#fff}
            .chart-title{font-size:14px;font-weight:600;fill:#1b1f24}
            .grid{stroke:#eaeef2;stroke-width:1}.axis{stroke:#57606a;stroke-width:1}
            .tick{font-size:11px;fill:#57606a}.axis-label{font-size:12px;fill:#57606a}
            .legend{font-size:12px;fill:#1b1f24}.empty{font-size:13px;fill:#57606a}
            .mark{stroke:#8250df;stroke-width:1;stroke-dasharray:3 3}.mark-label{font-size:11px;fill:#8250df}
            .class-label{fill:#1b1f24}.cell{stroke:#fff;stroke-width:1}.cell.diagonal{stroke:#8250df;stroke-width:1.5}
            .figure{overflow-x:auto}
            table{border-collapse:collapse;font-size:13px;margin:4px 0}
            th,td{padding:4px 10px;border-bottom:1px solid #eaeef2;text-align:left}
            table.numbers td{text-align:right;font-variant-numeric:tabular-nums}
            table.numbers td.label,table.numbers th:first-child{text-align:left}
            table.numbers tfoot td{font-weight:600}table.numbers tfoot tr:first-child td{border-top:2px solid #d8dee4}
            tr.best td{background:#f3f0ff}
            table.kv th{color:#57606a;font-weight:500;white-space:nowrap}
            td.source{color:#57606a}
            .two{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
            summary{cursor:pointer;color:#57606a;font-size:13px;margin:8px 0}
            footer{margin-top:32px;color:#8c959f;font-size:12px}
            table.sortable th{cursor:pointer;user-select:none}
            th[data-sort=asc]::after{content:" \\25B2"}th[data-sort=desc]::after{content:" \\25BC"}
            .runs td.swatch span{display:inline-block;width:14px;height:14px;border-radius:3px}
            """;
}
