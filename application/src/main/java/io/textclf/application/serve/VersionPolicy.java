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
        try {
            if (value.startsWith("latest:")) {
                return new Latest(Integer.parseInt(value.substring("latest:".length()).strip()));
            }
            if (value.startsWith("specific:")) {
                TreeSet<Long> versions = new TreeSet<>();
                for (String version : value.substring("specific:".length()).split(",")) {
                    versions.add(Long.parseLong(version.strip()));
                }
                return new Specific(versions);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version policy '" + text + "': " + e.getMessage()
                    + " is not a number");
        }
        throw new IllegalArgumentException("version policy '" + text + "' is not one of latest, latest:N, all, "
                + "specific:V1,V2");
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
