package io.gatecache.engine;

/**
 * What the cache repeats in a response it writes itself (an include's URL in an ESI error page, a
 * target the gateway could not forward), escaped: the page carries no markup and no line of
 * another's making, however it is read (as HTML, by a browser that sniffs, in a log). The HTML
 * specials {@code & < > " '} become character references, and control characters (line breaks
 * included) and the Unicode line and paragraph separators numeric ones.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /** The text escaped; null reads as {@code "null"}. */
    public static String escape(String text) {
        String s = String.valueOf(text);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String ref = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? "&#" + (int) c + ';' : null;
            };
            if (ref != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (ref != null) {
                    out.append(ref);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
