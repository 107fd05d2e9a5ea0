package io.textclf.application.serve;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which versions of a model, among those on disk, are served (TensorFlow Serving's model version
 * policy). Versions outside the policy stay on disk and are not loaded, or are unloaded.
 */
public sealed interface VersionPolicy {

    /** The versions to serve out of {@code onDisk}; a subset of it. */
    NavigableSet<Long> select(NavigableSet<Long> onDisk);

    /**
     * Reads a policy: {@code latest} (the newest), {@code latest:N}, {@code all} or
     * {@code specific:V1,V2,...}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    static VersionPolicy parse(String text) {
        String value = text.strip();
        if (value.equals("all")) {
            return new All();
        }
        if (value.equals("latest")) {
            return new Latest(1);
        }
        if (value.startsWith("latest:")) {
            return new Latest((int) Math.min(Integer.MAX_VALUE, number(text, value.substring("latest:".length()))));
        }
        if (value.startsWith("specific:")) {
            TreeSet<Long> versions = new TreeSet<>();
            for (String version : value.substring("specific:".length()).split(",", -1)) {
                versions.add(number(text, version));
            }
            return new Specific(versions);
        }
        throw new IllegalArgumentException("version policy '" + text + "' is not one of latest, latest:N, all, "
                + "specific:V1,V2");
    }

    /** A whole number of {@code policy} (a count or a version), refused naming the policy when it is none. */
    private static long number(String policy, String part) {
        String digits = part.strip();
        if (!digits.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("version policy '" + policy + "': " + (digits.isEmpty() ? "a number is "
                    + "missing" : "'" + digits + "' is not a " + (digits.matches("[0-9]+") ? "version number (at most 18 "
                    + "digits)" : "whole number")));
        }
        return Long.parseLong(digits);
    }

    /** The {@code count} newest versions. */
    record Latest(int count) implements VersionPolicy {
        public Latest {
            if (count < 1) {
                throw new IllegalArgumentException("version policy latest:N needs N >= 1, was " + count);
            }
        }

        @Override
        public NavigableSet<Long> select(NavigableSet<Long> onDisk) {
            TreeSet<Long> selected = new TreeSet<>();
            for (Long version : onDisk.descendingSet()) {
                if (selected.size() == count) {
                    break;
                }
                selected.add(version);
            }
            return selected;
        }

        @Override
        public String toString() {
            return "latest:" + count;
        }
    }

    /** Every version on disk. */
    record All() implements VersionPolicy {
        @Override
        public NavigableSet<Long> select(NavigableSet<Long> onDisk) {
            return new TreeSet<>(onDisk);
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** The listed versions that exist on disk. */
    record Specific(SortedSet<Long> versions) implements VersionPolicy {
        public Specific {
            if (versions.isEmpty() || versions.first() < 1) {
                throw new IllegalArgumentException("version policy specific: needs versions of 1 or more, was "
                        + versions);
            }
            versions = Collections.unmodifiableSortedSet(new TreeSet<>(versions));
        }

        @Override
        public NavigableSet<Long> select(NavigableSet<Long> onDisk) {
            TreeSet<Long> selected = new TreeSet<>(onDisk);
            selected.retainAll(versions);
            return selected;
        }

        @Override
        public String toString() {
            return "specific:" + String.join(",", versions.stream().map(String::valueOf).toList());
        }
    }
}
