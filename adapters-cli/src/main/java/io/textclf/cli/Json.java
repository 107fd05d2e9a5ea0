package io.textclf.cli;

import io.textclf.modelexchange.json.JsonWriter;
import java.util.List;
import java.util.Locale;

/** The little JSON the CLI prints: objects, arrays, strings and numbers. */
final class Json {

    private Json() {
    }

    /** An object from alternating keys and already-encoded values. */
    static String object(String... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                json.append(',');
            }
            json.append(string(keysAndValues[i])).append(':').append(keysAndValues[i + 1]);
        }
        return json.append('}').toString();
    }

    static String array(List<String> encodedValues) {
        return "[" + String.join(",", encodedValues) + "]";
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%s", value) : "null";
    }

    static String string(String value) {
        return JsonWriter.write(value);
    }
}
