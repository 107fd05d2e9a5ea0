package io.textclf.application.dataset;

import io.textclf.modelformat.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads a {@link RemoteDataset} into {@code cacheDir/NAME/} once, verifies each file's MD5, and
 * afterwards works offline from the cache. A file is moved into place only after its checksum
 * matched, so an interrupted download never leaves a file that looks complete.
 */
public final class DatasetDownloader {

    private final Path cacheDir;

    public DatasetDownloader(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** A client per download: creating one sets up TLS (about 0.2 s), which runs that use the cache never pay. */
    private static HttpClient http() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The folder holding {@code train.csv}, {@code test.csv} and {@code classes.txt}, downloading what is missing. */
    public Path ensure(RemoteDataset dataset) {
        return ensure(dataset, true);
    }

    /** The folder holding {@code test.csv} and {@code classes.txt}, downloading what is missing but train.csv. */
    public Path ensureTest(RemoteDataset dataset) {
        return ensure(dataset, false);
    }

    private Path ensure(RemoteDataset dataset, boolean withTrain) {
        Path folder = cacheDir.resolve(dataset.name());
        try {
            Files.createDirectories(folder);
            String needed = withTrain ? "train.csv and test.csv" : "test.csv";
            if (withTrain) {
                fetch(dataset.trainUrl(), dataset.trainMd5(), folder.resolve("train.csv"), needed);
            }
            fetch(dataset.testUrl(), dataset.testMd5(), folder.resolve("test.csv"), needed);
            Path classes = folder.resolve("classes.txt");
            if (!Files.exists(classes)) {
                AtomicFiles.replace(classes, temporary -> Files.writeString(temporary,
                        String.join("\n", dataset.classes()) + "\n", StandardCharsets.UTF_8));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset cache " + folder + ": "
                    + AtomicFiles.reason(e, folder), e);
        }
    }

    /** Downloads {@code url} into {@code partial} and checks its MD5; the caller keeps it only if this returns. */
    private static void download(URI url, String md5, Path partial) throws IOException {
        try {
            HttpResponse<Path> response = http().send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new DatasetDownloadException("downloading " + url + " failed: HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetDownloadException("download of " + url + " interrupted");
        }
        String actual = Md5.of(partial);
        if (!actual.equals(md5)) {
            throw new DatasetDownloadException("downloaded " + url + " has MD5 " + actual + ", expected " + md5
                    + " (corrupt or changed file; nothing was kept)");
        }
    }

    /** @param needed the files the command needs, for the message of a failed download ("test.csv") */
    private void fetch(URI url, String md5, Path target, String needed) throws IOException {
        if (Files.exists(target)) {
            String actual = Md5.of(target);
            if (actual.equals(md5)) {
                return;
            }
            throw new DatasetFormatException(target + ": cached file has MD5 " + actual + ", expected " + md5
                    + "; delete it to download it again");
        }
        try {
            AtomicFiles.replace(target, partial -> download(url, md5, partial));
        } catch (IOException e) {
            throw new DatasetDownloadException("cannot download " + url + ": " + reason(e, url)
                    + " (with no network, copy " + needed + " into " + target.getParent() + ")");
        }
    }

    /** Why a download failed, in words: the host, the connection or the timeout, not only an exception's name. */
    static String reason(IOException e, URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String where = url.getHost() + ":" + port;
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.getHost() + " (no network or no name service here?)";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connecting to " + where + " timed out";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + where + detail;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
