package io.textclf.domain.model;

/**
 * One resolved setting of a run, as the user gave it, and where it came from.
 *
 * @param name   the flag's name without dashes, e.g. {@code lr}
 * @param value  its value as text
 * @param source {@code default}, {@code flag}, {@code experiment file NAME}, {@code checkpoint NAME}, ...
 */
public record RunSetting(String name, String value, String source) {
}
