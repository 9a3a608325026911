package dev.chatsuite.messaging.search;

/**
 * Turns ts_headline's output into the contract's {@code highlight}: matches come back between
 * two private-use sentinels (stripped from the body before headlining), everything is
 * HTML-escaped, then only the sentinels become {@code <mark>} and {@code </mark>}.
 */
final class Highlights {

    static final char START = '\uE000';
    static final char STOP = '\uE001';
    /** The characters removed from a body before headlining, so none of its own can pose as a sentinel. */
    static final String SENTINELS = "" + START + STOP;
    /** ts_headline's options: the whole body, matches wrapped in the sentinels. */
    static final String OPTIONS = "StartSel=\"" + START + "\", StopSel=\"" + STOP + "\", HighlightAll=true";

    private Highlights() {
    }

    static String toHtml(String headline) {
        if (headline == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(headline.length() + 32);
        boolean open = false;
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case START -> {
                    if (!open) {
                        out.append("<mark>");
                        open = true;
                    }
                }
                case STOP -> {
                    if (open) {
                        out.append("</mark>");
                        open = false;
                    }
                }
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        if (open) {
            out.append("</mark>");
        }
        return out.toString();
    }
}
