package io.textclf.modelexchange.json;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON (RFC 8259) from strings, numbers, booleans, lists and maps, in the maps' own order.
 * Non-ASCII characters are written as they are (the output is meant to be encoded as UTF-8).
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /**
     * @param value a {@link String}, {@link Number}, {@link Boolean}, {@code null}, {@link List} or
     *              {@link Map} with string keys, nested freely
     */
    public static String write(Object value) {
        StringBuilder json = new StringBuilder();
        append(value, json);
        return json.toString();
    }

    private static void append(Object value, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String s) {
            appendString(s, json);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            json.append(d);
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                append(list.get(i), json);
            }
            json.append(']');
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                appendString((String) entry.getKey(), json);
                json.append(':');
                append(entry.getValue(), json);
            }
            json.append('}');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendString(String value, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair (a lone one cannot be encoded as UTF-8). */
    private static boolean validSurrogateAt(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
