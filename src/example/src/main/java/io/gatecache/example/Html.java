package io.gatecache.example;

/** Minimal HTML helpers for the example pages. */
final class Html {

    static final String FOOT = "</body></html>";

    private Html() {
    }

    static String head(String title) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
