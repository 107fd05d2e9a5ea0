package io.textclf.spark.data;

import java.io.IOException;
import java.io.UncheckedIOException;
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
