package io.textclf.application.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named-dataset download, against a local HTTP server: never the internet. */
class DatasetDownloaderTest {

    private static final String TRAIN = "\"1\",\"a\",\"b\"\n\"2\",\"c\",\"d\"\n";
    private static final String TEST = "\"3\",\"e\",\"f\"\n";

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        served.put("/ag/train.csv", TRAIN.getBytes(StandardCharsets.UTF_8));
        served.put("/ag/test.csv", TEST.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private RemoteDataset dataset(String trainMd5, String testMd5) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ag");
        return new RemoteDataset("ag_news", URI.create(base + "/train.csv"), trainMd5, URI.create(base + "/test.csv"),
                testMd5, List.of("World", "Sports", "Business", "Sci/Tech"));
    }

    private static String md5(String content) throws IOException {
        Path file = Files.createTempFile("md5", ".txt");
        Files.writeString(file, content);
        try {
            return Md5.of(file);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void downloadsVerifiesAndThenWorksOfflineFromTheCache() throws IOException {
        RemoteDataset remote = dataset(md5(TRAIN), md5(TEST));
        Path folder = new DatasetDownloader(cache).ensure(remote);
        assertEquals(TRAIN, Files.readString(folder.resolve("train.csv")));
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), Files.readAllLines(folder.resolve("classes.txt")));
        assertEquals(2, requests.get());

        server.stop(0);
        DatasetLoader loader = new DatasetLoader(new DatasetDownloader(cache), List.of(remote));
        Dataset dataset = loader.load("ag_news", BadRowPolicy.FAIL);
        assertEquals(2, dataset.train().size());
        assertEquals(1, dataset.test().orElseThrow().size());
        assertEquals(md5(TRAIN), dataset.fingerprints().get(0).md5());
    }

    @Test
    void theTestFileAloneIsDownloadedForAnEvaluation() throws IOException {
        RemoteDataset remote = dataset(md5(TRAIN), md5(TEST));
        DatasetLoader loader = new DatasetLoader(new DatasetDownloader(cache), List.of(remote));
        Path test = loader.namedTestFile("ag_news").orElseThrow();
        assertEquals(cache.resolve("ag_news").resolve("test.csv"), test);
        assertEquals(TEST, Files.readString(test));
        assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"),
                Files.readAllLines(test.resolveSibling("classes.txt")));
        assertFalse(Files.exists(test.resolveSibling("train.csv")));
        assertEquals(1, requests.get());
        assertEquals(Optional.empty(), loader.namedTestFile("imdb"));
        assertEquals(2, loader.load("ag_news", BadRowPolicy.FAIL).train().size());
        assertEquals(2, requests.get());
    }

    @Test
    void namedFolderIsTheVerifiedCacheAndUnknownNamesAreRefused() throws IOException {
        RemoteDataset remote = dataset(md5(TRAIN), md5(TEST));
        DatasetLoader loader = new DatasetLoader(new DatasetDownloader(cache), List.of(remote));
        assertEquals(cache.resolve("ag_news"), loader.namedFolder("ag_news"));
        assertEquals(TEST, Files.readString(cache.resolve("ag_news").resolve("test.csv")));
        assertEquals("no dataset named '../etc' (known: ag_news)",
                assertThrows(DatasetFormatException.class, () -> loader.namedFolder("../etc")).getMessage());
    }

    @Test
    void checksumMismatchKeepsNothing() throws IOException {
        RemoteDataset remote = dataset("00000000000000000000000000000000", md5(TEST));
        DatasetDownloadException e = assertThrows(DatasetDownloadException.class,
                () -> new DatasetDownloader(cache).ensure(remote));
        assertTrue(e.getMessage().contains("has MD5 " + md5(TRAIN) + ", expected 00000000000000000000000000000000"),
                e.getMessage());
        try (var files = Files.list(cache.resolve("ag_news"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void httpErrorIsReported() throws IOException {
        served.remove("/ag/test.csv");
        RemoteDataset remote = dataset(md5(TRAIN), md5(TEST));
        DatasetDownloadException e = assertThrows(DatasetDownloadException.class,
                () -> new DatasetDownloader(cache).ensure(remote));
        assertTrue(e.getMessage().endsWith("/ag/test.csv failed: HTTP 404"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("ag_news").resolve("test.csv")));
    }

    @Test
    void anUnreachableServerSaysSoAndWhereToPutTheFilesByHand() throws IOException {
        RemoteDataset remote = dataset(md5(TRAIN), md5(TEST));
        server.stop(0);
        DatasetDownloadException e = assertThrows(DatasetDownloadException.class,
                () -> new DatasetDownloader(cache).ensure(remote));
        assertTrue(e.getMessage().startsWith("cannot download " + remote.trainUrl() + ": cannot connect to 127.0.0.1:"
                + remote.trainUrl().getPort()), e.getMessage());
        assertFalse(e.getMessage().contains(": null"), e.getMessage());
        assertTrue(e.getMessage().endsWith("copy train.csv and test.csv into " + cache.resolve("ag_news") + ")"),
                e.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        IOException unknown = new UnknownHostException("nowhere.invalid");
        assertEquals("unknown host nowhere.invalid (no network or no name service here?)",
                DatasetDownloader.reason(unknown, URI.create("https://nowhere.invalid/train.csv")));
        assertEquals("connecting to example.org:443 timed out", DatasetDownloader.reason(
                new HttpConnectTimeoutException("HTTP connect timed out"),
                URI.create("https://example.org/x.csv")));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        DatasetLoader loader = new DatasetLoader(new DatasetDownloader(cache), List.of(dataset("x", "y")));
        assertEquals("no dataset folder 'imdb' and no dataset of that name (known: ag_news)",
                assertThrows(DatasetFormatException.class, () -> loader.locate("imdb")).getMessage());
    }
}
