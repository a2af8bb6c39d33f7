package dev.inkwell.platform;

/**
 * Writes a JSON document straight into text. The busiest answers (lists of articles and comments)
 * are written this way: a tree of builders first and a generator after it cost a tenth of a
 * list's time. Names and values follow each other as written; commas come by themselves.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean afterValue;

    public JsonText() {
        this(256);
    }

    public JsonText(int expectedLength) {
        this.out = new StringBuilder(expectedLength);
    }

    public JsonText beginObject() {
        return open('{');
    }

    public JsonText endObject() {
        return close('}');
    }

    public JsonText beginArray() {
        return open('[');
    }

    public JsonText endArray() {
        return close(']');
    }

    /** The name of the next member of an object. */
    public JsonText name(String name) {
        separate();
        quoted(name);
        out.append(':');
        afterValue = false;
        return this;
    }

    /** A string, or null. */
    public JsonText value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quoted(value);
        }
        afterValue = true;
        return this;
    }

    public JsonText value(long value) {
        separate();
        out.append(value);
        afterValue = true;
        return this;
    }

    public JsonText value(boolean value) {
        separate();
        out.append(value);
        afterValue = true;
        return this;
    }

    /** An array of strings. */
    public JsonText values(Iterable<String> values) {
        beginArray();
        values.forEach(this::value);
        return endArray();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private JsonText open(char bracket) {
        separate();
        out.append(bracket);
        afterValue = false;
        return this;
    }

    private JsonText close(char bracket) {
        out.append(bracket);
        afterValue = true;
        return this;
    }

    private void separate() {
        if (afterValue) {
            out.append(',');
        }
    }

    /** A string in quotes, escaped as RFC 8259 requires: quote, backslash and control characters. */
    private void quoted(String text) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, plainFrom, text.length()).append('"');
    }
}
