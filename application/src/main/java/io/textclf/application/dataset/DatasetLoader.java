package io.textclf.application.dataset;

import io.textclf.application.progress.PhaseMeter;
import io.textclf.application.progress.PhaseProgress;
import io.textclf.application.progress.ProgressListener;
import io.textclf.domain.data.ClassNames;
import io.textclf.domain.data.CorpusEncoder;
import io.textclf.domain.data.Example;
import io.textclf.domain.data.LabeledCorpus;
import io.textclf.domain.data.Layout;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.modelformat.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Finds and reads datasets. A dataset is a folder holding {@code train.csv} (or {@code .csv.gz}),
 * optionally {@code test.csv}, and {@code classes.txt}; or a folder with fastText files
 * {@code train.txt} / {@code test.txt} (optionally {@code .gz}); or a name from
 * {@link #knownNames()}, downloaded on first use.
 */
public final class DatasetLoader {

    private final DatasetDownloader downloader;
    private final Map<String, RemoteDataset> named;

    public DatasetLoader(DatasetDownloader downloader, List<RemoteDataset> named) {
        this.downloader = downloader;
        this.named = new HashMap<>();
        named.forEach(dataset -> this.named.put(dataset.name(), dataset));
    }

    public List<String> knownNames() {
        return named.keySet().stream().sorted().toList();
    }

    /**
     * The folder of a dataset known by name (downloading it if needed), never a folder of that name
     * in the working directory.
     *
     * @throws DatasetFormatException when no dataset has that name
     */
    public Path namedFolder(String name) {
        RemoteDataset remote = named.get(name);
        if (remote == null) {
            throw new DatasetFormatException("no dataset named '" + name + "' (known: "
                    + String.join(", ", knownNames()) + ")");
        }
        return downloader.ensure(remote);
    }

    /** Where the dataset named or located by {@code spec} lies; downloads a named one if needed. */
    public DatasetFiles locate(String spec) {
        Path folder = Path.of(spec);
        if (!Files.isDirectory(folder)) {
            RemoteDataset remote = named.get(spec);
            if (remote == null) {
                throw new DatasetFormatException(notAFolder(folder, spec));
            }
            folder = downloader.ensure(remote);
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new DatasetFormatException("cannot read dataset folder '" + spec + "': permission denied");
        }
        Optional<Path> csvTrain = plainOrGzip(folder, "train.csv");
        if (csvTrain.isPresent()) {
            Path classes = folder.resolve("classes.txt");
            if (!Files.isRegularFile(classes)) {
                throw new DatasetFormatException(folder + ": has " + csvTrain.get().getFileName()
                        + " but no classes.txt naming class N on line N");
            }
            requireOneLayout(folder, csvTrain.get(), "train.txt", "train.txt.gz", "test.txt", "test.txt.gz");
            return new DatasetFiles(spec, Layout.AG_NEWS_CSV, csvTrain.get(),
                    plainOrGzip(folder, "test.csv"), Optional.of(classes));
        }
        Optional<Path> textTrain = plainOrGzip(folder, "train.txt");
        if (textTrain.isPresent()) {
            requireOneLayout(folder, textTrain.get(), "test.csv", "test.csv.gz", "classes.txt");
            return new DatasetFiles(spec, Layout.FASTTEXT, textTrain.get(),
                    plainOrGzip(folder, "test.txt"), Optional.empty());
        }
        throw new DatasetFormatException(folder + ": expected train.csv[.gz] with classes.txt, or train.txt[.gz]");
    }

    /**
     * The test file of the dataset named {@code spec}, when no folder has that path and textclf knows a dataset of
     * that name: downloaded if missing, without the training file, with its {@code classes.txt} beside it.
     */
    public Optional<Path> namedTestFile(String spec) {
        RemoteDataset remote = named.get(spec);
        if (remote == null || Files.isDirectory(Path.of(spec))) {
            return Optional.empty();
        }
        return Optional.of(downloader.ensureTest(remote).resolve("test.csv"));
    }

    /**
     * The test file of {@code folder} when it is a folder with a test file and no training file (one with a training
     * file is a dataset, for {@link #locate}).
     */
    public Optional<Path> testOnlyFile(Path folder) {
        if (!Files.isDirectory(folder) || hasTrainingFile(folder)) {
            return Optional.empty();
        }
        Optional<Path> csv = plainOrGzip(folder, "test.csv");
        csv.ifPresent(file -> requireOneLayout(folder, file, "test.txt", "test.txt.gz"));
        Optional<Path> text = csv.isPresent() ? Optional.empty() : plainOrGzip(folder, "test.txt");
        text.ifPresent(file -> requireOneLayout(folder, file, "classes.txt"));
        return csv.or(() -> text);
    }

    /** Whether {@code folder} holds a training file of either layout. */
    public static boolean hasTrainingFile(Path folder) {
        return firstExisting(folder, "train.csv", "train.csv.gz", "train.txt", "train.txt.gz").isPresent();
    }

    /** Reads the train and (if present) test files of a dataset. */
    public Dataset load(String spec, BadRowPolicy badRows) {
        return load(locate(spec), badRows, ProgressListener.NONE);
    }

    /** Reads the train and (if present) test files of a dataset, telling {@code progress} the bytes read. */
    public Dataset load(String spec, BadRowPolicy badRows, ProgressListener progress) {
        return load(locate(spec), badRows, progress);
    }

    public Dataset load(DatasetFiles files, BadRowPolicy badRows) {
        return load(files, badRows, ProgressListener.NONE);
    }

    /** Reads the train and (if present) test files, telling {@code progress} the bytes read. */
    public Dataset load(DatasetFiles files, BadRowPolicy badRows, ProgressListener progress) {
        List<String> labels = labels(files);
        BothFiles read = readBoth(files, labels, progress, path -> RowCollector.keeping(path, badRows),
                path -> RowCollector.keeping(path, badRows));
        return new Dataset(files, new LabeledCorpus(labels, read.train().result().examples()),
                read.test().map(test -> new LabeledCorpus(labels, test.result().examples())), read.fingerprints(),
                read.skippedRows());
    }

    /**
     * Reads the train and (if present) test files as {@link #load(DatasetFiles, BadRowPolicy, ProgressListener)}
     * does, but keeps no row: hands them over in chunks of {@link CorpusEncoder#CHUNK_DOCUMENTS} rows as they
     * are read, the training rows to {@code trainChunks} on this thread and the test rows to {@code testChunks}
     * on another, each in file order.
     */
    public StreamedDataset stream(DatasetFiles files, BadRowPolicy badRows, ProgressListener progress,
                                  Consumer<List<Example>> trainChunks, Consumer<List<Example>> testChunks) {
        List<String> labels = labels(files);
        BothFiles read = readBoth(files, labels, progress,
                path -> RowCollector.handingOver(path, badRows, CorpusEncoder.CHUNK_DOCUMENTS, trainChunks),
                path -> RowCollector.handingOver(path, badRows, CorpusEncoder.CHUNK_DOCUMENTS, testChunks));
        return new StreamedDataset(files, labels, read.train().rows(), read.test().map(RowCollector::rows),
                read.fingerprints(), read.skippedRows());
    }

    /** The rows of both files as collected, with their fingerprints and the malformed rows of both. */
    private record BothFiles(RowCollector train, Optional<RowCollector> test, List<DatasetFingerprint> fingerprints,
                             List<String> skippedRows) {
    }

    /** Reads the training file on this thread, and the test file and the training file's MD5 on others. */
    private static BothFiles readBoth(DatasetFiles files, List<String> labels, ProgressListener progress,
                                      Function<Path, RowCollector> trainRows, Function<Path, RowCollector> testRows) {
        PhaseMeter meter = new PhaseMeter(progress, "reading", size(files.train())
                + files.test().map(DatasetLoader::size).orElse(0L), PhaseProgress.BYTES);
        Optional<CompletableFuture<FileRead>> testRead = files.test().map(path -> CompletableFuture.supplyAsync(
                () -> read(files, path, "test", labels, testRows.apply(path), meter::add, md5Of(path)),
                onThreadNamed("textclf-read-test")));
        CompletableFuture<String> trainMd5 = CompletableFuture.supplyAsync(() -> Md5.of(files.train()),
                onThreadNamed("textclf-md5-train"));
        FileRead train = read(files, files.train(), "train", labels, trainRows.apply(files.train()), meter::add,
                trainMd5);
        Optional<FileRead> test = testRead.map(DatasetLoader::join);
        meter.finish();
        List<DatasetFingerprint> fingerprints = new ArrayList<>(List.of(train.fingerprint()));
        List<String> skipped = new ArrayList<>(train.rows().skipped());
        test.ifPresent(t -> {
            fingerprints.add(t.fingerprint());
            skipped.addAll(t.rows().skipped());
        });
        return new BothFiles(train.rows(), test.map(FileRead::rows), fingerprints, skipped);
    }

    /** Runs each task on a daemon thread of its own named {@code name}, so that a thread dump says what it does. */
    private static Executor onThreadNamed(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Checks every row of a dataset and counts them, keeping none in memory (for uploads of any size).
     *
     * @throws DatasetFormatException as {@link #load(DatasetFiles, BadRowPolicy)} does
     */
    public DatasetSurvey survey(DatasetFiles files, BadRowPolicy badRows) {
        List<String> labels = labels(files);
        RowCollector train = RowCollector.counting(files.train(), badRows);
        readRows(files.train(), files.layout(), labels, train, bytes -> { });
        RowCollector test = files.test().map(path -> RowCollector.counting(path, badRows)).orElse(null);
        if (test != null) {
            readRows(files.test().orElseThrow(), files.layout(), labels, test, bytes -> { });
        }
        for (RowCollector rows : test == null ? List.of(train) : List.of(train, test)) {
            rows.requireRows();
        }
        String firstSkipped = train.firstSkipped().isEmpty() && test != null ? test.firstSkipped() : train.firstSkipped();
        return new DatasetSurvey(files.layout(), labels, train.rows(), test == null ? 0 : test.rows(),
                train.skippedRows() + (test == null ? 0 : test.skippedRows()), firstSkipped);
    }

    private static List<String> labels(DatasetFiles files) {
        List<String> labels = files.layout() == Layout.AG_NEWS_CSV
                ? readClasses(files.classes().orElseThrow())
                : new FastTextReader().labels(files.train());
        if (labels.size() < 2) {
            throw new DatasetFormatException(files.train() + ": a classifier needs at least 2 classes, the file has "
                    + labels.size() + " " + labels);
        }
        return labels;
    }

    /**
     * Reads one extra file in the dataset's layout with the given class names (e.g. to evaluate a model).
     *
     * @throws DatasetFormatException when a row is malformed (unless {@code badRows} skips it) or the file has no rows
     */
    public LabeledCorpus readFile(Path file, Layout layout, List<String> labels, BadRowPolicy badRows) {
        return new LabeledCorpus(labels, readRows(file, layout, labels, badRows, ProgressListener.NONE).examples());
    }

    /**
     * As {@link #readFile(Path, Layout, List, BadRowPolicy)}, telling {@code progress} the bytes read: the rows, and
     * those skipped as malformed (described by file and line).
     */
    public ReadResult readRows(Path file, Layout layout, List<String> labels, BadRowPolicy badRows,
                               ProgressListener progress) {
        PhaseMeter meter = new PhaseMeter(progress, "reading", size(file), PhaseProgress.BYTES);
        ReadResult result = readRows(file, layout, labels, badRows, meter::add);
        meter.finish();
        if (result.examples().isEmpty()) {
            throw RowCollector.noRows(file, result.skippedRows().size(), result.skippedRows().isEmpty() ? ""
                    : result.skippedRows().get(0));
        }
        return result;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e, file), e);
        }
    }

    private record FileRead(RowCollector rows, DatasetFingerprint fingerprint) {
    }

    /** Reads the rows of {@code path} into {@code rows}; {@code md5} is its checksum, computed meanwhile elsewhere. */
    private static FileRead read(DatasetFiles files, Path path, String role, List<String> labels, RowCollector rows,
                                 LongConsumer bytesRead, CompletableFuture<String> md5) {
        readRows(path, files.layout(), labels, rows, bytesRead);
        rows.finish();
        rows.requireRows();
        return new FileRead(rows, new DatasetFingerprint(role, path.toString(), join(md5), rows.rows()));
    }

    private static CompletableFuture<String> md5Of(Path file) {
        return CompletableFuture.completedFuture(Md5.of(file));
    }

    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ReadResult readRows(Path path, Layout layout, List<String> labels, BadRowPolicy badRows,
                                       LongConsumer bytesRead) {
        RowCollector rows = RowCollector.keeping(path, badRows);
        readRows(path, layout, labels, rows, bytesRead);
        return rows.result();
    }

    private static void readRows(Path path, Layout layout, List<String> labels, RowCollector rows,
                                 LongConsumer bytesRead) {
        if (layout == Layout.AG_NEWS_CSV) {
            new AgNewsCsvReader().read(path, labels.size(), rows, bytesRead);
            return;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        new FastTextReader().read(path, index, rows, bytesRead);
    }

    /** The class names of a {@code classes.txt}: class N on line N. */
    public static List<String> readClasses(Path file) {
        try (BufferedReader reader = TextFiles.open(file)) {
            return ClassNames.parse(reader.lines().toList());
        } catch (ClassNames.MalformedException e) {
            throw e.line() == 0 ? new DatasetFormatException(file + ": " + e.getMessage())
                    : new DatasetFormatException(file, e.line(), e.getMessage());
        } catch (IOException e) {
            throw TextFiles.readFailure(file, e);
        } catch (UncheckedIOException e) {
            throw TextFiles.readFailure(file, e.getCause());
        }
    }

    /** Why {@code path}, given as {@code spec}, is no dataset folder: a file, out of reach, or nothing at all. */
    private String notAFolder(Path path, String spec) {
        String known = "(known: " + String.join(", ", knownNames()) + ")";
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
            return "'" + spec + "' is a file: expected a dataset folder (train.csv[.gz] with classes.txt, or "
                    + "train.txt[.gz]) or the name of a dataset " + known;
        } catch (AccessDeniedException e) {
            return "cannot read '" + spec + "': permission denied";
        } catch (IOException e) {
            return "no dataset folder '" + spec + "' and no dataset of that name " + known;
        }
    }

    /**
     * Refuses a folder that holds files of the other layout beside {@code train}: which ones are meant is not for
     * textclf to guess (a fastText test file beside a CSV training file would go unread, and so would a
     * {@code classes.txt} beside fastText files, which name their classes in their labels).
     */
    private static void requireOneLayout(Path folder, Path train, String... otherLayout) {
        List<String> present = Stream.of(otherLayout).filter(name -> Files.exists(folder.resolve(name))).toList();
        if (!present.isEmpty()) {
            throw new DatasetFormatException(folder + ": holds " + String.join(", ", present) + " beside "
                    + train.getFileName() + ": a dataset folder holds the files of one layout, AG News CSV (train.csv, "
                    + "test.csv, classes.txt) or fastText (train.txt, test.txt); move the others away");
        }
    }

    /**
     * {@code folder/name} or {@code folder/name.gz}, whichever is there.
     *
     * @throws DatasetFormatException when both are: which one is meant is not for textclf to guess
     */
    private static Optional<Path> plainOrGzip(Path folder, String name) {
        Optional<Path> plain = firstExisting(folder, name);
        Optional<Path> gzip = firstExisting(folder, name + ".gz");
        if (plain.isPresent() && gzip.isPresent()) {
            throw new DatasetFormatException(folder + ": holds both " + name + " and " + name + ".gz: keep the one "
                    + "to read, move the other away");
        }
        return plain.or(() -> gzip);
    }

    private static Optional<Path> firstExisting(Path folder, String... names) {
        for (String name : names) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
