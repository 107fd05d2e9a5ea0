package io.textclf.grpc;

/**
 * What one call may ask of the server.
 *
 * @param maxTextsPerCall  texts in one Classify call, at least 1 ({@code INVALID_ARGUMENT} beyond)
 * @param maxTextChars     UTF-16 characters in one text, at least 1 ({@code INVALID_ARGUMENT} beyond)
 * @param maxMessageBytes  bytes of one received message, at least 1 KiB ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxUploadBytes   bytes of one upload, all files together ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxTrainingJobs  training jobs running at once, at least 1 ({@code RESOURCE_EXHAUSTED} beyond)
 */
public record Limits(int maxTextsPerCall, int maxTextChars, int maxMessageBytes, long maxUploadBytes,
                     int maxTrainingJobs) {

    /** 1,024 texts of up to 100,000 characters, 16 MiB messages, 1 GiB uploads, 1 training job. */
    public static final Limits DEFAULTS = new Limits(1024, 100_000, 16 << 20, 1L << 30, 1);

    public Limits {
        check(maxTextsPerCall >= 1, "max texts per call must be at least 1, was " + maxTextsPerCall);
        check(maxTextChars >= 1, "max text length must be at least 1, was " + maxTextChars);
        check(maxMessageBytes >= 1024, "max message size must be at least 1024 bytes, was " + maxMessageBytes);
        check(maxUploadBytes >= 1, "max upload size must be at least 1 byte, was " + maxUploadBytes);
        check(maxTrainingJobs >= 1, "max training jobs must be at least 1, was " + maxTrainingJobs);
    }

    /**
     * Checks a batch of texts against the per-call limits.
     *
     * @param field how the request names the texts, for messages ({@code texts})
     * @return the characters of all texts
     * @throws IllegalArgumentException naming the text and the limit
     */
    long checkTexts(java.util.List<String> texts, String field) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty: send at least one text");
        }
        if (texts.size() > maxTextsPerCall) {
            throw new IllegalArgumentException(texts.size() + " texts in one call, the limit is " + maxTextsPerCall
                    + ": split the batch");
        }
        long characters = 0;
        for (int i = 0; i < texts.size(); i++) {
            int length = texts.get(i).length();
            if (length > maxTextChars) {
                throw new IllegalArgumentException(field + "[" + i + "] has " + length + " characters, the limit is "
                        + maxTextChars);
            }
            characters += length;
        }
        return characters;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
