package io.textclf.application.serve;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.Dataset;
import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stores uploaded datasets under {@code <data root>/uploads/<id>}: the files arrive in chunks into a
 * hidden folder, are read in full to check them, and only then move to their final folder, so a
 * stored upload is always complete and readable.
 */
public final class DatasetUploads {

    /** File names an upload may hold: the dataset layouts {@link DatasetLoader} reads. */
    public static final Set<String> FILE_NAMES = Set.of("train.csv", "train.csv.gz", "test.csv", "test.csv.gz",
            "classes.txt", "train.txt", "train.txt.gz", "test.txt", "test.txt.gz");

    private static final String INCOMING = ".incoming-";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataRoot root;
    private final DatasetLoader loader;
    private final long maxBytes;

    /**
     * @param maxBytes most bytes one upload may store, all files together
     */
    public DatasetUploads(DataRoot root, DatasetLoader loader, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte, was " + maxBytes);
        }
        this.root = root;
        this.loader = loader;
        this.maxBytes = maxBytes;
    }

    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * The folder of a stored upload, as a dataset path {@link DatasetLoader} reads.
     *
     * @throws DatasetNotFoundException when there is no upload with that id
     */
    public String folderOf(String id) {
        if (!isValidId(id)) {
            throw new DatasetNotFoundException("no upload with id '" + id + "' (ids are 32 hex digits)");
        }
        Path folder = root.uploads().resolve(id);
        if (!Files.isDirectory(folder)) {
            throw new DatasetNotFoundException("no upload with id '" + id + "'");
        }
        return root.checkInside(folder).toString();
    }

    /** Deletes the partial uploads a previous run left behind (call before serving). */
    public void removeAbandoned() {
        if (!Files.isDirectory(root.uploads())) {
            return;
        }
        try (Stream<Path> entries = Files.list(root.uploads())) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(INCOMING)).toList()) {
                deleteTree(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.uploads() + ": " + e.getMessage(), e);
        }
    }

    /** Starts an upload; close it to abandon it (its files are then deleted). */
    public Upload begin() {
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
                bytes += data.remaining();
                if (bytes > maxBytes) {
                    throw new UploadTooLargeException("the upload is larger than the server's limit of "
                            + maxBytes + " bytes");
                }
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
            checkUnpackedSize();
            Dataset dataset;
            try {
                DatasetFiles files = loader.locate(incoming.toString());
                dataset = loader.load(files, BadRowPolicy.SKIP);
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
            List<String> skipped = dataset.skippedRows();
            return new UploadedDataset(id, dataset.files().layout(), dataset.train().size(),
                    dataset.test().map(test -> (long) test.size()).orElse(0L), dataset.train().labelNames(), bytes,
                    skipped.size(), skipped.isEmpty() ? "" : relativeToUpload(skipped.get(0)));
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
                try (var in = name.endsWith(".gz")
                        ? new java.util.zip.GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        unpacked += read;
                        if (unpacked > maxBytes) {
                            throw new UploadTooLargeException("the upload unpacks to more than the server's limit of "
                                    + maxBytes + " bytes");
                        }
                    }
                } catch (java.util.zip.ZipException e) {
                    throw new DatasetFormatException(name + ": not a valid gzip file: " + e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read upload: " + e.getMessage(), e);
                }
            }
        }

        /** Abandons an unfinished upload, deleting what it stored. */
        @Override
        public void close() {
            closeCurrent();
            if (!finished) {
                deleteTree(incoming);
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
