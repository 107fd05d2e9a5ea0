package io.textclf.spark.data;

import io.textclf.domain.data.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of a dataset as Spark reads them: any Hadoop path (a local folder, {@code hdfs://},
 * {@code s3a://}). A folder holds {@code classes.txt} and the CSV files {@code train*.csv[.gz]}
 * (and {@code test*.csv[.gz]}), or fastText files {@code train*.txt[.gz]} (and {@code test*.txt[.gz]}),
 * directly or in sub-folders {@code train/} and {@code test/}. Several training files are read in
 * the order of their names; one {@code train.csv} is exactly what {@code textclf train} reads.
 *
 * @param folder  the dataset folder as given
 * @param layout  CSV or fastText
 * @param train   the training files, in name order, at least one
 * @param test    the test files, in name order, possibly none
 * @param classes {@code classes.txt} for the CSV layout
 */
public record SparkDataset(String folder, Layout layout, List<String> train, List<String> test,
                           Optional<String> classes) {

    public SparkDataset {
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one training file");
        }
    }

    /** Finds the dataset's files under {@code folder}. */
    public static SparkDataset locate(String folder, Configuration hadoop) {
        Path root = new Path(folder);
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.isDirectory(root)) {
                throw new DatasetException("no dataset folder '" + folder + "'");
            }
            List<String> csvTrain = files(fs, root, "train", ".csv");
            if (!csvTrain.isEmpty()) {
                Path classes = new Path(root, "classes.txt");
                if (!fs.isFile(classes)) {
                    throw new DatasetException(folder + ": has " + csvTrain.get(0)
                            + " but no classes.txt naming class N on line N");
                }
                return new SparkDataset(folder, Layout.AG_NEWS_CSV, csvTrain, files(fs, root, "test", ".csv"),
                        Optional.of(classes.toString()));
            }
            List<String> textTrain = files(fs, root, "train", ".txt");
            if (!textTrain.isEmpty()) {
                return new SparkDataset(folder, Layout.FASTTEXT, textTrain, files(fs, root, "test", ".txt"),
                        Optional.empty());
            }
            throw new DatasetException(folder + ": expected classes.txt with train*.csv[.gz], or train*.txt[.gz] "
                    + "(or the same in a train/ sub-folder)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** {@code role*.ext[.gz]} in the folder, else every {@code *.ext[.gz]} in {@code role/}; sorted by name. */
    private static List<String> files(FileSystem fs, Path root, String role, String extension) throws IOException {
        List<FileStatus> found = new ArrayList<>(Arrays.asList(fs.listStatus(root,
                p -> p.getName().startsWith(role) && hasExtension(p.getName(), extension))));
        Path sub = new Path(root, role);
        if (found.stream().noneMatch(FileStatus::isFile) && fs.isDirectory(sub)) {
            found = new ArrayList<>(Arrays.asList(fs.listStatus(sub, p -> hasExtension(p.getName(), extension))));
        }
        return found.stream().filter(FileStatus::isFile).map(FileStatus::getPath)
                .sorted(Comparator.comparing(Path::getName)).map(Path::toString).toList();
    }

    private static boolean hasExtension(String name, String extension) {
        return name.endsWith(extension) || name.endsWith(extension + ".gz");
    }
}
