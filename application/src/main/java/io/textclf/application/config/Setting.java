package io.textclf.application.config;

/**
 * A resolved setting and where its value came from.
 *
 * @param value  the value
 * @param source "flag", "environment variable NAME", "config file PATH" or "default"
 */
public record Setting(String value, String source) {
}
