package io.textclf.spark.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder a job writes its outputs into, on any Hadoop file system. A job replaces only what an earlier run of it
 * wrote: never a file, nor a folder holding anything else (Spark's {@code Overwrite} would delete it all).
 */
public final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Runs {@code job} on a hidden sibling of {@code folder} ({@code .NAME.textclf-UUID}) and puts it in place of
     * {@code folder} once the job has succeeded: a job that fails leaves {@code folder} as it was (an earlier run's
     * output, or nothing), never emptied, and its own partial output goes.
     *
     * @param job writes the output into the folder it is given, and says what it wrote
     * @throws UncheckedIOException when the earlier folder cannot be deleted or the new one renamed
     */
    public static <T> T replaceWhenDone(String folder, Configuration hadoop, Function<String, T> job) {
        try {
            FileSystem fs = new Path(folder).getFileSystem(hadoop);
            Path path = fs.makeQualified(new Path(folder));
            Path staging = new Path(path.getParent(), "." + path.getName() + ".textclf-" + UUID.randomUUID());
            try {
                T result = job.apply(staging.toString());
                if (fs.exists(path) && !fs.delete(path, true)) {
                    throw new IOException("the earlier " + folder + " could not be deleted");
                }
                if (!fs.rename(staging, path)) {
                    throw new IOException(staging + " could not be renamed to it");
                }
                return result;
            } finally {
                if (fs.exists(staging)) {
                    fs.delete(staging, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code path} is a folder holding no data file: only entries Hadoop's readers skip, hidden ones and
     * {@code _}-prefixed markers such as {@code _SUCCESS} and {@code _temporary}.
     */
    public static boolean holdsNoData(FileSystem fs, Path path) throws IOException {
        return fs.getFileStatus(path).isDirectory() && Arrays.stream(fs.listStatus(path))
                .map(entry -> entry.getPath().getName())
                .allMatch(name -> name.startsWith(".") || name.startsWith("_"));
    }

    /**
     * Refuses an output folder that is the input or holds it: replacing the output would delete the input before it
     * is read.
     *
     * @throws IllegalArgumentException naming both
     */
    public static void requireApart(String output, String input, Configuration hadoop) {
        try {
            Path out = new Path(output);
            Path in = new Path(input);
            String outside = out.getFileSystem(hadoop).makeQualified(out).toString();
            String inside = in.getFileSystem(hadoop).makeQualified(in).toString();
            if (inside.equals(outside) || inside.startsWith(outside + "/")) {
                throw new IllegalArgumentException("refusing to write into " + output + ": the input " + input
                        + (inside.equals(outside) ? " is that same path" : " lies in it")
                        + ", and replacing the folder would delete it before it is read; choose another output path");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks, before any work, that {@code folder} is absent, empty, or holds only entries that {@code ownEntry}
     * accepts (names starting with {@code .}, checksum files, always pass).
     *
     * @param what what the job writes there, for the message, e.g. {@code "predictions"}
     * @throws IllegalArgumentException naming the folder and an entry that is not the job's
     */
    public static void requireReplaceable(String folder, Configuration hadoop, String what,
                                          Predicate<String> ownEntry) {
        Path path = new Path(folder);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                return;
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                throw new IllegalArgumentException("refusing to overwrite " + folder + ": it is a file, and " + what
                        + " are written as a folder; choose another output path or delete it");
            }
            for (FileStatus entry : fs.listStatus(path)) {
                String name = entry.getPath().getName();
                if (!name.startsWith(".") && !ownEntry.test(name)) {
                    throw new IllegalArgumentException("refusing to write " + what + " into " + folder + ": it holds "
                            + name + ", which an earlier run did not write; choose another output path or empty it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        }
    }
}
