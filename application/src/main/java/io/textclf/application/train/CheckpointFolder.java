package io.textclf.application.train;

import io.textclf.modelformat.AtomicFiles;
import io.textclf.modelformat.ModelFileException;
import io.textclf.modelformat.StaleParts;
import io.textclf.domain.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a run in one folder: {@code epoch-0005.ckpt} after 5 complete epochs,
 * {@code epoch-0006-batch-000300.ckpt} 300 steps into epoch 6; the names sort by progress.
 */
public final class CheckpointFolder {

    static final String BEST_MODEL = "best.textclf";
    static final String LOCK_FILE = ".lock";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)(?:-batch-(\\d+))?\\.ckpt");

    private final Path folder;
    private final int keep;

    CheckpointFolder(Path folder, int keep) {
        this.folder = folder;
        this.keep = keep;
    }

    /** An exclusive hold on a checkpoint folder for one run; closing it lets the next run in. */
    interface Lock extends AutoCloseable {

        /** No folder, nothing held. */
        Lock NONE = () -> { };

        @Override
        void close();
    }

    /**
     * Takes the folder (creating it) for this run: another run writing into it at the same time, in
     * this process or another, is refused. The lock is an OS file lock on {@code .lock} in the folder,
     * released when the run ends or its process dies. The part files a killed run left in it (a checkpoint or
     * {@code best.textclf} half written) are removed once it is held; a folder this lock made is removed again on
     * release when the run left nothing in it (it failed before its first checkpoint).
     *
     * @throws IllegalArgumentException when another run holds the folder, or it is a file
     */
    Lock lock() {
        Path file = folder.resolve(LOCK_FILE);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("checkpoint folder " + folder + " is a file, not a folder: choose "
                    + "another --checkpoint-dir");
        }
        boolean made = !Files.exists(folder);
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                channel.close();
                throw new IllegalArgumentException("checkpoint folder " + folder + " is in use by another training "
                        + "run (it holds the lock " + file + "): wait for that run to end, or choose another "
                        + "--checkpoint-dir");
            }
            // holding the folder, no other run writes into it: a part file here is a killed run's
            StaleParts.remove(folder, Duration.ZERO);
            FileLock lock = held;
            return () -> {
                try {
                    lock.release();
                    channel.close();
                    if (made && holdsOnlyTheLock()) {
                        Files.deleteIfExists(file);
                        Files.deleteIfExists(folder);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock checkpoint folder " + folder + ": "
                    + AtomicFiles.reason(e, folder), e);
        }
    }

    /** Whether the folder holds nothing but its lock: a run that made it failed before its first checkpoint. */
    private boolean holdsOnlyTheLock() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(entry -> entry.getFileName().toString().equals(LOCK_FILE));
        }
    }

    /** Where the checkpoint of {@code state} goes. */
    Path fileFor(TrainingState state) {
        String name = state.batchesDone() == 0
                ? String.format(Locale.ROOT, "epoch-%04d.ckpt", state.completedEpochs())
                : String.format(Locale.ROOT, "epoch-%04d-batch-%06d.ckpt", state.completedEpochs() + 1,
                state.batchesDone());
        return folder.resolve(name);
    }

    /**
     * Refuses a folder that already holds checkpoints later than where this run starts: its files and
     * the new run's would mix, pruning would delete the wrong ones, and resuming from the folder would
     * pick a checkpoint of the abandoned run.
     *
     * @param resumedFrom the checkpoint this run resumes from, or empty for a run from the start
     */
    void requireNothingBeyond(Optional<Path> resumedFrom) {
        long start = resumedFrom.map(CheckpointFolder::progress).orElse(0L);
        List<Path> later = checkpoints(folder).stream().filter(file -> progress(file) > start).toList();
        if (!later.isEmpty()) {
            throw new IllegalArgumentException("checkpoint folder " + folder + " already holds "
                    + later.get(later.size() - 1).getFileName() + (resumedFrom.isPresent()
                    ? ", later than " + resumedFrom.get().getFileName() + " which this run resumes from"
                    : " from another run") + ": the runs would mix; choose another --checkpoint-dir or move them away");
        }
    }

    /** Deletes all but the newest {@code keep} checkpoints (none when {@code keep} is 0). */
    void prune() {
        if (keep == 0) {
            return;
        }
        List<Path> files = checkpoints(folder);
        for (Path old : files.subList(0, Math.max(0, files.size() - keep))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + old + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * {@code path} itself when it is a file, else the newest checkpoint in that folder.
     *
     * @throws ModelFileException when the folder holds no checkpoint
     */
    public static Path resolve(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        List<Path> files = checkpoints(path);
        if (files.isEmpty()) {
            throw new ModelFileException("no checkpoint (epoch-NNNN[-batch-NNNNNN].ckpt) in " + path);
        }
        return files.get(files.size() - 1);
    }

    /**
     * The newest checkpoint beside {@code checkpoint} that is later than it (a run resumed from it into its own
     * folder would be refused), or empty.
     */
    public static Optional<Path> laterBeside(Path checkpoint) {
        Path folder = checkpoint.toAbsolutePath().normalize().getParent();
        List<Path> later = checkpoints(folder).stream().filter(file -> progress(file) > progress(checkpoint)).toList();
        return later.isEmpty() ? Optional.empty() : Optional.of(later.get(later.size() - 1));
    }

    /** Whether {@code file} is named as a checkpoint or the lock of a checkpoint folder is. */
    static boolean isCheckpointName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return NAME.matcher(name).matches() || name.equals(LOCK_FILE);
    }

    /** The checkpoint files in {@code folder}, oldest first. */
    public static List<Path> checkpoints(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(CheckpointFolder::progress))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + folder + ": "
                    + AtomicFiles.reason(e, folder), e);
        }
    }

    /** (epoch, batch) packed so that later checkpoints compare greater; an epoch end is after its batches. */
    private static Long progress(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return -1L;
        }
        long epoch = Long.parseLong(m.group(1));
        return Optional.ofNullable(m.group(2)).map(b -> (epoch - 1) * 10_000_000L + Long.parseLong(b))
                .orElse(epoch * 10_000_000L);
    }
}
