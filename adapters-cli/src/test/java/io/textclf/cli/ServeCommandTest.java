package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.textclf.application.TestData;
import io.textclf.grpc.ClientChannels;
import io.textclf.proto.v1.Class;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import io.textclf.proto.v1.ListModelsRequest;
import io.textclf.proto.v1.ModelServiceGrpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code textclf serve} and {@code textclf bench serve} as users run them, on a loopback port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeCommandTest {

    private static final Pattern LABEL = Pattern.compile(
            "\\{\"label\":\"([^\"]*)\",\"index\":(\\d+),\"probability\":([^}]*)}");

    @TempDir
    static Path dir;

    private Path model;
    private List<String> texts;
    private Serving serving;

    @BeforeAll
    void trainAModel() throws Exception {
        model = dir.resolve("models/news/1.textclf");
        Files.createDirectories(model.getParent());
        CliRun training = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o", model.toString(),
                "--epochs", "2", "--progress", "none");
        assertEquals(0, training.exitCode(), training.err());
        texts = Files.readAllLines(TestData.agNewsMini().resolve("test.csv")).stream()
                .filter(line -> line.startsWith("\"")).limit(1000).toList();
    }

    @AfterEach
    void stopServing() throws Exception {
        if (serving != null) {
            serving.stop();
        }
    }

    @Test
    void eightClientsMakingAThousandCallsEachGetWhatPredictPrints() throws Exception {
        CliRun predict = CliRun.withStdin(String.join("\n", texts) + "\n", "predict", "-m", model.toString(),
                "--top-k", "4", "--json");
        assertEquals(0, predict.exitCode(), predict.err());
        List<List<Class>> expected = predict.out().lines().map(ServeCommandTest::parseLabels).toList();
        assertEquals(texts.size(), expected.size());

        serving = Serving.start("serve", "--host", "127.0.0.1", "--port", "0", "--models-dir",
                dir.resolve("models").toString(), "--data-root", dir.resolve("data").toString());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                calls.add(clients.submit(() -> {
                    ManagedChannel channel = ClientChannels.open("127.0.0.1:" + serving.port(), Optional.empty(),
                            Optional.empty());
                    try {
                        var stub = ClassificationServiceGrpc.newBlockingStub(channel);
                        for (int i = 0; i < 1000; i++) {
                            int t = (i + client * 125) % texts.size();
                            ClassifyResponse response = stub.withDeadlineAfter(10, TimeUnit.SECONDS).classify(
                                    ClassifyRequest.newBuilder().addTexts(texts.get(t)).setTopK(4).build());
                            assertEquals(expected.get(t), response.getResults(0).getClassesList(), texts.get(t));
                        }
                        return 1000;
                    } finally {
                        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> call : calls) {
                total += call.get(120, TimeUnit.SECONDS);
            }
            assertEquals(8000, total);
        } finally {
            clients.shutdownNow();
        }
        assertEquals(0, serving.stop(), serving.err());
        assertTrue(serving.out().contains("serving models news [1] on 127.0.0.1:"), serving.out());
    }

    @Test
    void readsItsSettingsFileAndChecksTokens() throws Exception {
        Path config = dir.resolve("server.properties");
        Files.writeString(dir.resolve("tokens.txt"), "\uFEFFsesame\n# clients\n");
        Files.writeString(config, "\uFEFFhost=127.0.0.1\nport=0\nmodels-dir=models\ndata-root=data\n"
                + "token-file=tokens.txt\nmax-texts=2\nport-file=port.txt\n");
        serving = Serving.writingPortTo(dir.resolve("port.txt"), "serve", "--server-config", config.toString());
        ManagedChannel open = ClientChannels.open("127.0.0.1:" + serving.port(), Optional.empty(), Optional.empty());
        ManagedChannel signed = ClientChannels.open("127.0.0.1:" + serving.port(), Optional.empty(),
                Optional.of("sesame"));
        try {
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> ModelServiceGrpc.newBlockingStub(open).listModels(ListModelsRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            assertEquals("news", ModelServiceGrpc.newBlockingStub(signed)
                    .listModels(ListModelsRequest.getDefaultInstance()).getDefaultModel());
            StatusRuntimeException tooMany = org.junit.jupiter.api.Assertions.assertThrows(
                    StatusRuntimeException.class, () -> ClassificationServiceGrpc.newBlockingStub(signed)
                            .classify(ClassifyRequest.newBuilder().addAllTexts(texts.subList(0, 3)).build()));
            assertTrue(tooMany.getStatus().getDescription().contains("texts holds 3 texts, the limit per call is 2"),
                    tooMany::toString);
        } finally {
            open.shutdownNow();
            signed.shutdownNow();
        }
    }

    @Test
    void refusesUnknownSettings() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "prot=8500\n");
        CliRun run = CliRun.of("serve", "--server-config", config.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown key 'prot'"), run.err());
        Path twice = Files.writeString(dir.resolve("twice.properties"), "port=8500\nhost=127.0.0.1\nport=8501\n");
        CliRun repeated = CliRun.of("serve", "--server-config", twice.toString());
        assertEquals(2, repeated.exitCode(), repeated.err());
        assertTrue(repeated.err().contains("server config " + twice + ": 'port' is set twice"), repeated.err());
        for (String setting : new String[] {"backend=nope", "device=tpu"}) {
            Path named = Files.writeString(dir.resolve("named.properties"), "host=127.0.0.1\nport=0\n"
                    + "models-dir=models\n" + setting + "\n");
            CliRun refused = CliRun.of("serve", "--server-config", named.toString());
            assertEquals(2, refused.exitCode(), setting + ": " + refused.err());
            assertTrue(refused.err().contains(setting.substring(setting.indexOf('=') + 1)), refused.err());
        }
        CliRun missing = CliRun.of("serve", "--server-config", dir.resolve("sever.properties").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("textclf: error: server config " + dir.resolve("sever.properties") + " does not exist",
                missing.err().strip());
    }

    @Test
    void aValueTheServerCannotUseFromItsConfigFileNamesTheFile() throws Exception {
        Path config = dir.resolve("values.properties");
        String models = "models-dir=" + dir.resolve("models") + "\n";
        Map<String, String> refusals = Map.of(
                "poll-interval=-1", "the poll interval must not be negative, was -1 s",
                "upload-retention-days=-2", "upload retention must not be negative, was -2 days",
                "max-texts=0", "max texts per call must be at least 1, was 0",
                "host=  ", "host has no value (leave the key out for its default)",
                "data-root=", "data-root has no value (leave the key out for its default)");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Files.writeString(config, models + refusal.getKey() + "\n");
            CliRun run = CliRun.of("serve", "--server-config", config.toString(), "--port", "0");
            assertEquals(2, run.exitCode(), refusal.getKey() + ": " + run.err());
            assertEquals("textclf: error: server config " + config + ": " + refusal.getValue(), run.err().strip());
        }
        Files.writeString(config, models);
        CliRun flag = CliRun.of("serve", "--server-config", config.toString(), "--shutdown-grace", "-3");
        assertEquals(2, flag.exitCode(), flag.err());
        assertEquals("textclf: error: shutdown grace must not be negative, was -3 s", flag.err().strip());
        CliRun host = CliRun.of("serve", "--models-dir", dir.resolve("models").toString(), "--host", " ");
        assertEquals(2, host.exitCode(), host.err());
        assertEquals("textclf: error: the host to listen on must not be empty (0.0.0.0: every interface)",
                host.err().strip());
    }

    @Test
    void aDataRootThatIsAFileIsOneLineSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRun run = CliRun.of("serve", "--models-dir", dir.resolve("models").toString(), "--data-root",
                file.toString(), "--port", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: cannot open data root " + file + ": it is a file, not a folder",
                run.err().strip());
    }

    @Test
    void refusesABadVersionPolicyOrMemorySizeNamingIt() {
        CliRun policy = CliRun.of("serve", "--version-policy", "newest", "--models-dir", dir.resolve("models").toString());
        assertEquals(2, policy.exitCode());
        assertTrue(policy.err().contains("version policy 'newest' is not one of latest, latest:N, all"), policy.err());
        CliRun memory = CliRun.of("serve", "--max-model-memory", "lots", "--models-dir", dir.resolve("models").toString());
        assertEquals(2, memory.exitCode());
        assertTrue(memory.err().contains("max-model-memory must be a positive size such as"), memory.err());
        assertEquals(64L << 20, ServeCommand.parseSize("m", "64m"));
        assertEquals(2L << 30, ServeCommand.parseSize("m", "2G"));
        CliRun message = CliRun.of("serve", "--max-message-bytes", "3g", "--models-dir",
                dir.resolve("models").toString());
        assertEquals(2, message.exitCode());
        assertEquals("textclf: error: max-message-bytes must be at most 2147483647 bytes, was '3g'",
                message.err().strip());
        CliRun policy2 = CliRun.of("serve", "--version-policy", "latest:", "--models-dir",
                dir.resolve("models").toString());
        assertEquals("textclf: error: version policy 'latest:': a number is missing", policy2.err().strip());
        CliRun tooSmall = CliRun.of("serve", "--max-model-memory", "1m", "--models-dir", dir.resolve("models").toString(),
                "--port", "0");
        assertEquals(1, tooSmall.exitCode());
        assertTrue(tooSmall.err().startsWith("textclf: error: model news version 1 needs about "), tooSmall.err());
        assertTrue(tooSmall.err().contains("--max-model-memory"), tooSmall.err());
    }

    @Test
    @Timeout(60)
    void aDeviceTheBackendCannotUseIsRefusedBeforeServingEvenWithNoModelYet() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-models-yet"));
        CliRun run = CliRun.of("serve", "--backend", "nd4j", "--device", "cuda", "--models-dir", empty.toString(),
                "--host", "127.0.0.1", "--port", "0");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("textclf: error: backend 'nd4j' cannot use device cuda"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void versionNamesTheCommit() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("textclf \\S+ \\(commit [0-9a-f]{12}(-dirty)?\\)\\R"), version.out());
        for (String[] args : List.of(new String[] {"train", "--version"}, new String[] {"bench", "train", "-V"},
                new String[] {"report", "compare", "-V"})) {
            CliRun sub = CliRun.of(args);
            assertEquals(0, sub.exitCode(), sub.err());
            assertEquals(version.out(), sub.out(), String.join(" ", args));
        }
    }

    /** Starts the server and writes the first {@code count} test texts to {@code name}, for bench serve. */
    private Path serveWithTexts(String name, int count) throws Exception {
        serving = Serving.start("serve", "--host", "127.0.0.1", "--port", "0", "--models-dir",
                dir.resolve("models").toString(), "--data-root", dir.resolve("data").toString());
        return Files.write(dir.resolve(name), texts.subList(0, count));
    }

    @Test
    void benchServeReportsThroughputAndLatency() throws Exception {
        Path file = serveWithTexts("texts.txt", 100);
        CliRun run = CliRun.of("bench", "serve", "--target", "127.0.0.1:" + serving.port(), "--texts",
                file.toString(), "--batch-size", "4", "--concurrency", "2", "--duration", "1", "--warmup", "0.2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(", errors 0,"), run.out());
        assertTrue(run.out().matches("(?s).*latency ms: p50 [0-9.]+  p99 [0-9.]+  max [0-9.]+.*"), run.out());
    }

    @Test
    void benchServeStopsWhenTheServerGoesAwayAndSaysSoInOneLine() throws Exception {
        Path file = serveWithTexts("texts-until-gone.txt", 20);
        CompletableFuture<CliRun> bench = CompletableFuture.supplyAsync(() -> CliRun.of("bench", "serve", "--target",
                "127.0.0.1:" + serving.port(), "--texts", file.toString(), "--duration", "300", "--warmup", "0"));
        Thread.sleep(1500);
        serving.stop();
        serving = null;
        CliRun run = bench.get(120, TimeUnit.SECONDS);
        assertEquals(1, run.exitCode(), run.err());
        List<String> errors = run.err().lines().filter(line -> line.startsWith("textclf: error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("calls failed; the first: ") && errors.get(0).endsWith(
                "(the server stopped answering: the run stopped there)"), errors.get(0));
        assertFalse(errors.get(0).contains("Exception"), errors.get(0));
    }

    @Test
    void aPortInUseIsOneLineNamingTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--models-dir", dir.resolve("models").toString(), "--data-root", dir.resolve("data").toString());
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("textclf: error: cannot listen for gRPC on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use", run.err().lines().reduce((first, second) -> second).orElse(""));
        }
    }

    @Test
    void benchServeWithNothingListeningFailsAtOnceSayingSo() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path file = dir.resolve("texts-for-nobody.txt");
        Files.write(file, texts.subList(0, 10));
        CliRun run = CliRun.of("bench", "serve", "--target", "127.0.0.1:" + port, "--texts", file.toString(),
                "--duration", "1", "--warmup", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("textclf: error: cannot classify at 127.0.0.1:" + port
                + ": the first call failed with UNAVAILABLE"), run.err());
    }

    @Test
    void benchServeRefusesATargetOrLoadItCannotUseBeforeReadingTexts() {
        String missing = dir.resolve("no-such-texts.txt").toString();
        CliRun target = CliRun.of("bench", "serve", "--target", "localhost", "--texts", missing);
        assertEquals(2, target.exitCode(), target.err());
        assertEquals("textclf: error: server address 'localhost' is not HOST:PORT (such as localhost:8500 or "
                + "[::1]:8500): no ':PORT'", target.err().strip());
        CliRun port = CliRun.of("bench", "serve", "--target", "localhost:99999", "--texts", missing);
        assertEquals(2, port.exitCode(), port.err());
        assertTrue(port.err().strip().endsWith("port must be in [1, 65535], was 99999"), port.err());
        CliRun deadline = CliRun.of("bench", "serve", "--deadline-ms", "0", "--texts", missing);
        assertEquals(2, deadline.exitCode(), deadline.err());
        assertEquals("textclf: error: --deadline-ms must be positive, was 0", deadline.err().strip());
        CliRun batch = CliRun.of("bench", "serve", "--batch-size", "0", "--texts", missing);
        assertEquals(2, batch.exitCode(), batch.err());
        assertEquals("textclf: error: --batch-size must be in [1, 65536], was 0", batch.err().strip());
    }

    @Test
    void benchServeAtAHostThatDoesNotResolveIsOneLineNamingIt() throws Exception {
        Path file = dir.resolve("texts-for-nowhere.txt");
        Files.write(file, texts.subList(0, 10));
        CliRun run = CliRun.of("bench", "serve", "--target", "no-such-host.invalid:8500", "--texts", file.toString(),
                "--duration", "1", "--warmup", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("textclf: error: cannot resolve the host of --target "
                + "no-such-host.invalid:8500: "), run.err());
    }

    /** The label list of one {@code predict --json} line. */
    private static List<Class> parseLabels(String json) {
        List<Class> classes = new ArrayList<>();
        Matcher m = LABEL.matcher(json);
        while (m.find()) {
            classes.add(Class.newBuilder().setLabel(m.group(1)).setIndex(Integer.parseInt(m.group(2)))
                    .setScore(Double.parseDouble(m.group(3))).build());
        }
        return classes;
    }

    /** {@code textclf serve} running on a thread of its own, stopped by interrupting it. */
    static final class Serving {

        private final Thread thread;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final int port;

        /** Runs {@code textclf all}, which writes its port to {@code portFile}, and waits for it. */
        private Serving(String[] all, Path portFile, Map<String, String> environment) throws Exception {
            thread = new Thread(() -> exit.complete(Main.run(all, new PrintWriter(out, true),
                    new PrintWriter(err, true), environment)), "serve-under-test");
            thread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(portFile)) {
                if (exit.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("serve did not start: " + err);
                }
                Thread.sleep(20);
            }
            port = Integer.parseInt(Files.readString(portFile).strip());
        }

        static Serving start(String... args) throws Exception {
            return startIn(dir, Map.of(), args);
        }

        /** Serves with {@code environment}, writing its port file under {@code folder}. */
        static Serving startIn(Path folder, Map<String, String> environment, String... args) throws Exception {
            Path portFile = Files.createTempDirectory(folder, "serve").resolve("port");
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--port-file", portFile.toString())).toArray(String[]::new);
            return new Serving(all, portFile, environment);
        }

        /** Serves with {@code args} alone, which name {@code portFile} some other way (a server config file). */
        static Serving writingPortTo(Path portFile, String... args) throws Exception {
            return new Serving(args, portFile, Map.of());
        }

        int port() {
            return port;
        }

        int stop() throws Exception {
            thread.interrupt();
            return exit.get(30, TimeUnit.SECONDS);
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }
    }
}
