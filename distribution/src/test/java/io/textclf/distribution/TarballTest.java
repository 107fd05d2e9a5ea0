package io.textclf.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.textclf.application.TestData;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the slim release tarball outside the checkout, as an operator would, and runs
 * {@code --version}, {@code train}, {@code predict} and {@code serve} from it with nothing of the
 * build on the class path.
 */
class TarballTest {

    private static final Path TARBALL = Path.of(System.getProperty("textclf.tarball"));
    private static final String VERSION = System.getProperty("textclf.version");
    private static final Path AG_NEWS_MINI = TestData.agNewsMini().toAbsolutePath();
    private static final long SLIM_LIMIT = 30L << 20;
    private static final String TEXT = "The team won the championship game last night after a late goal in overtime.";

    @TempDir
    Path install;

    @TempDir
    Path work;

    @Test
    void theSlimTarballInstallsAnywhereAndTrainsPredictsAndServes() throws Exception {
        assertTrue(Files.size(TARBALL) < SLIM_LIMIT, () -> TARBALL + " is " + size(TARBALL) + " bytes");
        run(install, "tar", "xzf", TARBALL.toString());
        Path home = install.resolve("textclf-" + VERSION);
        for (String entry : List.of("bin/textclf", "lib", "plugins", "README.md", "licences/THIRD-PARTY.md",
                "proto/src/main/proto/textclf/v1/service.proto", "model-format/src/main/proto/textclf/v1/model.proto",
                "adapters-grpc/src/test/python/oip_client.py")) {
            assertTrue(Files.exists(home.resolve(entry)), entry);
        }
        Path textclf = home.resolve("bin/textclf");

        String version = run(work, textclf.toString(), "--version");
        assertTrue(version.startsWith("textclf " + VERSION + " (commit "), version);
        String help = run(work, textclf.toString(), "train", "--help");
        assertTrue(help.startsWith("Usage: textclf train"), "no JVM warning before a command's help: " + help);
        ProcessBuilder underC = processIn(work, textclf.toString(), "tokenize", "Caf\u00e9 cr\u00e8me");
        underC.environment().put("LC_ALL", "C");
        assertEquals("caf\u00e9 cr\u00e8me", output(underC).strip(), "text given as arguments under the C locale");

        run(work, textclf.toString(), "train", "-d", AG_NEWS_MINI.toString(), "--epochs", "1",
                "-o", "models/news/1.textclf");
        String predicted = run(work, textclf.toString(), "predict", "-m", "models/news/1.textclf", TEXT).strip();
        assertTrue(predicted.contains("Sports"), predicted);

        Process server = start(work, textclf.toString(), "serve", "--host", "127.0.0.1", "--port", "0",
                "--port-file", "port", "--metrics-port", "0", "--models-dir", "models", "--data-root", "data");
        try {
            int port = Integer.parseInt(awaitFile(work.resolve("port"), server).strip());
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                ClassifyResponse response = ClassificationServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .classify(ClassifyRequest.newBuilder().addTexts(TEXT).build());
                assertEquals("news", response.getModelSpec().getName());
                assertTrue(predicted.contains(response.getResults(0).getClasses(0).getLabel()), predicted);
            } finally {
                channel.shutdownNow();
            }
            java.util.regex.Matcher metrics = java.util.regex.Pattern.compile("metrics on (http://\\S+/metrics)")
                    .matcher(Files.readString(work.resolve("serve.out")));
            assertTrue(metrics.find(), "serve printed no metrics address");
            String scraped = get(metrics.group(1)).body();
            assertTrue(scraped.contains("textclf_calls_total{model=\"news\",rpc=\"textclf.v1.ClassificationService/"
                    + "Classify\",status=\"OK\",version=\"1\"} 1.0"), scraped);
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        String log = Files.readString(work.resolve("serve.err"));
        assertTrue(log.contains("call rpc=textclf.v1.ClassificationService/Classify status=OK model=news version=1"),
                log);
    }

    private String run(Path folder, String... command) throws IOException, InterruptedException {
        return output(processIn(folder, command));
    }

    /** What the command prints on stdout and stderr; it must succeed. */
    private static String output(ProcessBuilder builder) throws IOException, InterruptedException {
        String command = String.join(" ", builder.command());
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, process.exitValue(), () -> command + ":\n" + output);
        return output;
    }

    private Process start(Path folder, String... command) throws IOException {
        return processIn(folder, command).redirectOutput(folder.resolve("serve.out").toFile())
                .redirectError(folder.resolve("serve.err").toFile()).start();
    }

    /** The command with Java from this JVM and no textclf setting from the environment. */
    private static ProcessBuilder processIn(Path folder, String... command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(folder.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TEXTCLF_"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("TEXTCLF_CACHE_DIR", folder.resolve("cache").toString());
        return builder;
    }

    private static String awaitFile(Path file, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file)) {
            assertTrue(server.isAlive(), "serve exited with " + (server.isAlive() ? "" : server.exitValue()));
            assertTrue(System.nanoTime() < deadline, "serve wrote no port file");
            Thread.sleep(100);
        }
        return Files.readString(file);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
