package io.textclf.application.serve;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.dataset.DatasetSurvey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stores uploaded datasets under {@code <data root>/uploads/<id>}: the files arrive in chunks, written
 * to a hidden folder as they come, are read through to check them (counting rows, keeping none in
 * memory), and only then move to their final folder, so a stored upload is always complete and
 * readable. Limits: bytes per upload, uploads in progress at once, and bytes of all stored uploads
 * together; stored uploads older than the retention period are deleted.
 */
public final class DatasetUploads {

    private static final System.Logger LOG = System.getLogger(DatasetUploads.class.getName());

    /** File names an upload may hold: the dataset layouts {@link DatasetLoader} reads. */
    public static final Set<String> FILE_NAMES = Set.of("train.csv", "train.csv.gz", "test.csv", "test.csv.gz",
            "classes.txt", "train.txt", "train.txt.gz", "test.txt", "test.txt.gz");

    private static final String INCOMING = ".incoming-";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataRoot root;
    private final DatasetLoader loader;
    private final long maxBytes;
    private final long maxStoredBytes;
    private final Duration retention;
    private final int maxConcurrent;
    private final Semaphore inProgress;
    private final AtomicLong storedBytes = new AtomicLong();

    /**
     * @param maxBytes       most bytes one upload may store, all files together
     * @param maxConcurrent  uploads in progress at once
     * @param maxStoredBytes most bytes all uploads, stored and in progress, may hold together
     * @param retention      how long a stored upload is kept; zero keeps them until deleted
     */
    public DatasetUploads(DataRoot root, DatasetLoader loader, long maxBytes, int maxConcurrent, long maxStoredBytes,
                          Duration retention) {
        if (maxBytes < 1 || maxConcurrent < 1 || maxStoredBytes < maxBytes || retention.isNegative()) {
            throw new IllegalArgumentException("upload limits must be at least 1 byte, 1 upload at once, stored bytes "
                    + "at least the upload limit and a retention of 0 or more; were " + maxBytes + ", " + maxConcurrent
                    + ", " + maxStoredBytes + ", " + retention);
        }
        this.root = root;
        this.loader = loader;
        this.maxBytes = maxBytes;
        this.maxConcurrent = maxConcurrent;
        this.inProgress = new Semaphore(maxConcurrent);
        this.maxStoredBytes = maxStoredBytes;
        this.retention = retention;
    }

    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * The folder of a stored upload, as a dataset path {@link DatasetLoader} reads.
     *
     * @throws IllegalArgumentException when {@code id} is not one an upload can have (32 lowercase hex digits)
     * @throws DatasetNotFoundException when there is no upload with that id
     */
    public String folderOf(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("upload_id '" + id + "' is not an upload id (32 lowercase hex digits)");
        }
        Path folder = root.uploads().resolve(id);
        if (!Files.isDirectory(folder)) {
            throw new DatasetNotFoundException("no upload with id '" + id + "'");
        }
        return root.checkInside(folder).toString();
    }

    /**
     * Deletes the partial uploads a previous run left behind and the expired ones, and counts the bytes
     * stored (call before serving).
     */
    public void removeAbandoned() {
        for (Path entry : entries()) {
            if (entry.getFileName().toString().startsWith(INCOMING)) {
                deleteTree(entry);
            }
        }
        removeExpired();
        storedBytes.set(entries().stream().mapToLong(DatasetUploads::size).sum());
    }

    /**
     * Deletes a stored upload.
     *
     * @return the bytes it held
     * @throws DatasetNotFoundException when there is no upload with that id
     */
    public long delete(String id) {
        Path folder = Path.of(folderOf(id));
        long bytes = size(folder);
        deleteTree(folder);
        storedBytes.addAndGet(-bytes);
        return bytes;
    }

    /** Deletes the stored uploads older than the retention period (none when it is zero). */
    public void removeExpired() {
        if (retention.isZero()) {
            return;
        }
        Instant oldest = Instant.now().minus(retention);
        for (Path entry : entries()) {
            try {
                if (isValidId(entry.getFileName().toString())
                        && Files.getLastModifiedTime(entry).toInstant().isBefore(oldest)) {
                    long bytes = size(entry);
                    deleteTree(entry);
                    storedBytes.addAndGet(-bytes);
                    LOG.log(System.Logger.Level.INFO, "upload " + entry.getFileName() + " (" + bytes + " bytes) deleted: "
                            + "unchanged for longer than the retention period (--upload-retention-days, "
                            + (retention.toDays() > 0 ? retention.toDays() + " days" : retention.toSeconds() + " s") + ")");
                }
            } catch (IOException | UncheckedIOException e) {
                // gone already, or deleted by another call
            }
        }
    }

    /**
     * Starts an upload; close it to abandon it (its files are then deleted).
     *
     * @throws UploadTooLargeException when the server's limit of uploads at once is reached
     */
    public Upload begin() {
        removeExpired();
        if (!inProgress.tryAcquire()) {
            throw new UploadTooLargeException(maxConcurrent + (maxConcurrent == 1 ? " upload is" : " uploads are")
                    + " in progress, the server's limit "
                    + "(--max-concurrent-uploads); try again when one has finished");
        }
        try {
            return start();
        } catch (RuntimeException e) {
            inProgress.release();
            throw e;
        }
    }

    private Upload start() {
        String id = HexFormat.of().formatHex(randomBytes());
        Path incoming = root.uploads().resolve(INCOMING + id);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create upload folder: " + e.getMessage(), e);
        }
        return new Upload(id, incoming);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** One upload in progress; not thread-safe (one call's messages arrive in order). */
    public final class Upload implements AutoCloseable {

        private final String id;
        private final Path incoming;
        private final Set<String> names = new HashSet<>();
        private FileChannel current;
        private long bytes;
        private boolean finished;
        private boolean closed;

        private Upload(String id, Path incoming) {
            this.id = id;
            this.incoming = incoming;
        }

        /**
         * Appends a chunk.
         *
         * @param fileName non-empty: starts this file; empty: continues the current one
         * @throws IllegalArgumentException when the name is not allowed, repeats, or no file was started
         * @throws UploadTooLargeException  when the upload would exceed the limit
         */
        public void append(String fileName, ByteBuffer data) {
            if (finished) {
                throw new IllegalStateException("upload " + id + " is finished");
            }
            try {
                if (!fileName.isEmpty()) {
                    startFile(fileName);
                } else if (current == null) {
                    throw new IllegalArgumentException("the first chunk of an upload must name its file");
                }
                if (bytes + data.remaining() > maxBytes) {
                    throw new UploadTooLargeException("the upload is larger than the server's limit of "
                            + maxBytes + " bytes (--max-upload-bytes)");
                }
                if (storedBytes.addAndGet(data.remaining()) > maxStoredBytes) {
                    storedBytes.addAndGet(-data.remaining());
                    throw new UploadTooLargeException("the server's stored uploads would exceed their quota of "
                            + maxStoredBytes + " bytes (--max-stored-upload-bytes); delete uploads with DeleteUpload");
                }
                bytes += data.remaining();
                while (data.hasRemaining()) {
                    current.write(data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store upload: " + e.getMessage(), e);
            }
        }

        /**
         * Reads the uploaded files as a dataset and, when they are valid, stores them for good.
         *
         * @throws DatasetFormatException when they are not a readable dataset (the message names the file
         *                                and line, relative to the upload)
         */
        public UploadedDataset finish() {
            closeCurrent();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("the upload holds no files");
            }
            DatasetSurvey dataset;
            try {
                // locate refuses files the dataset would not read (the other layout's, a file both plain and
                // gzipped): stored, they would go unchecked and count against the quota
                DatasetFiles files = loader.locate(incoming.toString());
                // the layout first (it reads no file), then what the files unpack to, before any is read as data
                checkUnpackedSize();
                dataset = loader.survey(files, BadRowPolicy.SKIP);
            } catch (DatasetFormatException e) {
                throw new DatasetFormatException(relativeToUpload(e.getMessage()));
            }
            Path target = root.uploads().resolve(id);
            try {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store upload: " + e.getMessage(), e);
            }
            finished = true;
            return new UploadedDataset(id, dataset.layout(), dataset.trainRows(), dataset.testRows(),
                    dataset.classes(), bytes, dataset.skippedRows(), relativeToUpload(dataset.firstSkipped()));
        }

        /**
         * Refuses gzip files that unpack to more than the upload limit (a small compressed upload must not
         * make the server read gigabytes), counting every file's unpacked bytes together.
         */
        private void checkUnpackedSize() {
            long unpacked = 0;
            byte[] buffer = new byte[1 << 16];
            for (String name : names) {
                Path file = incoming.resolve(name);
                try (InputStream raw = Files.newInputStream(file);
                     InputStream in = name.endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        unpacked += read;
                        if (unpacked > maxBytes) {
                            throw new UploadTooLargeException("the upload unpacks to more than the server's limit of "
                                    + maxBytes + " bytes (--max-upload-bytes)");
                        }
                    }
                } catch (java.util.zip.ZipException e) {
                    throw new DatasetFormatException(name + ": not a valid gzip file: " + e.getMessage());
                } catch (java.io.EOFException e) {
                    throw new DatasetFormatException(name + ": not a whole gzip file: it ends before its data does "
                            + "(cut short in the copy?)");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read upload: " + e.getMessage(), e);
                }
            }
        }

        /** Abandons an unfinished upload, deleting what it stored. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                closeCurrent();
                if (!finished) {
                    deleteTree(incoming);
                    storedBytes.addAndGet(-bytes);
                }
            } finally {
                inProgress.release();
            }
        }

        private void startFile(String fileName) throws IOException {
            if (!FILE_NAMES.contains(fileName)) {
                throw new IllegalArgumentException("file name '" + fileName + "' is not allowed in an upload "
                        + "(allowed: " + String.join(", ", sorted(FILE_NAMES)) + ")");
            }
            if (!names.add(fileName)) {
                throw new IllegalArgumentException("file '" + fileName + "' was already uploaded in this upload");
            }
            closeCurrent();
            current = FileChannel.open(incoming.resolve(fileName), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        }

        private void closeCurrent() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store upload: " + e.getMessage(), e);
                } finally {
                    current = null;
                }
            }
        }

        private String relativeToUpload(String message) {
            return message.replace(incoming + "/", "").replace(incoming.toString(), "the upload");
        }
    }

    private List<Path> entries() {
        if (!Files.isDirectory(root.uploads())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root.uploads())) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.uploads() + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of the regular files under {@code folder}; 0 when it is gone. */
    private static long size(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        Collections.sort(list);
        return list;
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete abandoned upload " + folder + ": " + e.getMessage(), e);
        }
    }
}
