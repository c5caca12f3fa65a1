package org.digitocr.report;

import java.util.Base64;

/** The pieces every report page shares: one self-contained HTML page, styles inline, images embedded. */
public final class Html {
    private static final String STYLE = "body{font-family:sans-serif;max-width:1000px;margin:2em auto}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
            + "td.l,th.l{text-align:left}img{max-width:100%}.crop{border:1px solid #999}";

    private Html() {
    }

    static StringBuilder start(String title) {
        return new StringBuilder().append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n");
    }

    static String end() {
        return "</body></html>\n";
    }

    static String img(String alt, byte[] png) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + base64(png) + "\">";
    }

    static String jpeg(String alt, byte[] jpeg, String cssClass) {
        return "<img alt=\"" + esc(alt) + "\" class=\"" + cssClass + "\" src=\"data:image/jpeg;base64," + base64(jpeg) + "\">";
    }

    private static String base64(byte[] image) {
        return Base64.getEncoder().encodeToString(image);
    }

    /** {@code s} as HTML text or attribute value (null as empty): every character that could start markup escaped. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
