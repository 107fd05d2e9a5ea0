package io.textclf.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server allows one call, and all callers together.
 *
 * @param maxTextsPerCall      texts in one Classify call, at least 1 ({@code INVALID_ARGUMENT} beyond)
 * @param maxTextChars         UTF-16 characters in one text, at least 1 ({@code INVALID_ARGUMENT} beyond)
 * @param maxMessageBytes      bytes of one received message, at least 1 KiB ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxUploadBytes       bytes of one upload, all files together ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxTrainingJobs      training jobs running at once, at least 1 ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxEpochs            epochs one Train call may ask for, at least 1 ({@code INVALID_ARGUMENT} beyond)
 * @param maxConcurrentUploads uploads in progress at once, at least 1 ({@code RESOURCE_EXHAUSTED} beyond)
 * @param maxStoredUploadBytes bytes all stored uploads may hold together, at least {@code maxUploadBytes}
 *                             ({@code RESOURCE_EXHAUSTED} beyond)
 * @param uploadRetention      how long a stored upload is kept; zero keeps them until deleted
 * @param handshakeTimeout     how long a new connection may take to start HTTP/2 (and TLS) before it is
 *                             closed: a connection that never sends a byte is closed after this
 * @param maxConnectionIdle    how long a connection without calls stays open
 * @param maxConnections       connections open at once; more are closed as they arrive
 * @param uploadIdle           how long an upload may go without data before it is ended, freeing its place among
 *                             {@code maxConcurrentUploads}; positive
 */
public record Limits(int maxTextsPerCall, int maxTextChars, int maxMessageBytes, long maxUploadBytes,
                     int maxTrainingJobs, int maxEpochs, int maxConcurrentUploads, long maxStoredUploadBytes,
                     Duration uploadRetention, Duration handshakeTimeout, Duration maxConnectionIdle,
                     int maxConnections, Duration uploadIdle) {

    /**
     * 1,024 texts of up to 100,000 characters, 16 MiB messages, 1 GiB uploads, 1 training job of up to
     * 1,000 epochs, 2 uploads at once, 10 GiB of stored uploads kept 7 days, 10 s to start a connection,
     * 5 minutes idle, 1,000 connections, uploads ended after 60 s without data.
     */
    public static final Limits DEFAULTS = new Limits(1024, 100_000, 16 << 20, 1L << 30, 1);

    public Limits {
        check(maxTextsPerCall >= 1, "max texts per call must be at least 1, was " + maxTextsPerCall);
        check(maxTextChars >= 1, "max text length must be at least 1, was " + maxTextChars);
        check(maxMessageBytes >= 1024, "max message size must be at least 1024 bytes, was " + maxMessageBytes);
        check(maxUploadBytes >= 1, "max upload size must be at least 1 byte, was " + maxUploadBytes);
        check(maxTrainingJobs >= 1, "max training jobs must be at least 1, was " + maxTrainingJobs);
        check(maxEpochs >= 1, "max epochs must be at least 1, was " + maxEpochs);
        check(maxConcurrentUploads >= 1, "max concurrent uploads must be at least 1, was " + maxConcurrentUploads);
        check(maxStoredUploadBytes >= maxUploadBytes, "max stored upload bytes must be at least the max upload size ("
                + maxUploadBytes + "), was " + maxStoredUploadBytes);
        check(!uploadRetention.isNegative(), "upload retention must not be negative, was " + DurationText.of(uploadRetention));
        check(positive(handshakeTimeout), "handshake timeout must be positive, was " + DurationText.of(handshakeTimeout));
        check(positive(maxConnectionIdle), "max connection idle must be positive, was " + DurationText.of(maxConnectionIdle));
        check(maxConnections >= 1, "max connections must be at least 1, was " + maxConnections);
        check(positive(uploadIdle), "upload idle time must be positive, was " + DurationText.of(uploadIdle));
    }

    /** The given per-call limits; the defaults for the rest. */
    public Limits(int maxTextsPerCall, int maxTextChars, int maxMessageBytes, long maxUploadBytes,
                  int maxTrainingJobs) {
        this(maxTextsPerCall, maxTextChars, maxMessageBytes, maxUploadBytes, maxTrainingJobs, 1000, 2,
                Math.max(10L << 30, maxUploadBytes), Duration.ofDays(7), Duration.ofSeconds(10),
                Duration.ofMinutes(5), 1000, Duration.ofSeconds(60));
    }

    public Limits withMaxEpochs(int value) {
        return new Limits(maxTextsPerCall, maxTextChars, maxMessageBytes, maxUploadBytes, maxTrainingJobs, value,
                maxConcurrentUploads, maxStoredUploadBytes, uploadRetention, handshakeTimeout, maxConnectionIdle,
                maxConnections, uploadIdle);
    }

    public Limits withUploads(int concurrent, long storedBytes, Duration retention) {
        return new Limits(maxTextsPerCall, maxTextChars, maxMessageBytes, maxUploadBytes, maxTrainingJobs, maxEpochs,
                concurrent, storedBytes, retention, handshakeTimeout, maxConnectionIdle, maxConnections, uploadIdle);
    }

    public Limits withUploadIdle(Duration value) {
        return new Limits(maxTextsPerCall, maxTextChars, maxMessageBytes, maxUploadBytes, maxTrainingJobs, maxEpochs,
                maxConcurrentUploads, maxStoredUploadBytes, uploadRetention, handshakeTimeout, maxConnectionIdle,
                maxConnections, value);
    }

    public Limits withConnections(Duration handshake, Duration idle, int connections) {
        return new Limits(maxTextsPerCall, maxTextChars, maxMessageBytes, maxUploadBytes, maxTrainingJobs, maxEpochs,
                maxConcurrentUploads, maxStoredUploadBytes, uploadRetention, handshake, idle, connections, uploadIdle);
    }

    private static boolean positive(Duration duration) {
        return !Objects.requireNonNull(duration, "duration").isNegative() && !duration.isZero();
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
            throw new IllegalArgumentException(field + " holds " + texts.size() + " texts, the limit per call is "
                    + maxTextsPerCall + ": split the batch");
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
