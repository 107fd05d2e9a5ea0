package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.textclf.application.dataset.AgNewsCsvReader;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.domain.data.Example;
import io.textclf.proto.v1.Class;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.Classifications;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent Open Inference Protocol client (Python grpcio, stubs generated from the protocol's
 * proto) gets from ModelInfer the probabilities textclf.v1 Classify gives, for every ag_news_mini
 * test text. Runs where Debian's python3-grpcio and python3-grpc-tools are installed.
 */
class PythonOipClientTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PROTO_ROOT = Path.of("..", "proto", "src", "main", "proto");
    private static final Path CLIENT = Path.of("src", "test", "python", "oip_client.py");

    @TempDir
    Path folder;

    @Test
    void pythonModelInferMatchesClassifyForEveryAgNewsMiniTestText() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import grpc, grpc_tools"))
                .exit == 0, "python3 with grpcio and grpc_tools is not installed");
        Path stubs = Files.createDirectories(folder.resolve("stubs"));
        Result generated = run(List.of(PYTHON.toString(), "-m", "grpc_tools.protoc", "-I", PROTO_ROOT.toString(),
                "--python_out=" + stubs, "--grpc_python_out=" + stubs, "inference/open_inference_grpc.proto"));
        assertEquals(0, generated.exit, generated.output);

        Path models = folder.resolve("models");
        Fixtures.install(Fixtures.twoEpochModel(), models, "news", 3);
        ServerSettings settings = InProcess.settings(models, folder.resolve("data")).withHost("127.0.0.1").withPort(0);
        try (TextclfServer server = TextclfServer.start(settings, Fixtures.components())) {
            Path testCsv = Fixtures.AG_NEWS_MINI.resolve("test.csv").toAbsolutePath();
            ProcessBuilder client = new ProcessBuilder(PYTHON.toString(), CLIENT.toString(), "--target",
                    "127.0.0.1:" + server.port(), "--model", "news", "--data", testCsv.toString());
            client.environment().put("PYTHONPATH", stubs.toString());
            Result inferred = run(client);
            assertEquals(0, inferred.exit, inferred.output);
            List<String> lines = inferred.output.lines().toList();

            List<String> texts = new AgNewsCsvReader().read(testCsv, 4, BadRowPolicy.FAIL).examples().stream()
                    .map(Example::text).toList();
            assertEquals(texts.size(), lines.size());
            List<Classifications> classified = classify(server.port(), texts);
            for (int i = 0; i < texts.size(); i++) {
                String[] fields = lines.get(i).split("\t");
                assertEquals("3", fields[0]);
                assertEquals(classified.get(i).getClasses(0).getLabel(), fields[1], "text " + i);
                String[] probabilities = fields[2].split(" ");
                for (Class c : classified.get(i).getClassesList()) {
                    assertEquals((float) c.getScore(), (float) Double.parseDouble(probabilities[c.getIndex()]),
                            "text " + i + ", class " + c.getIndex());
                }
            }
        }
    }

    private static List<Classifications> classify(int port, List<String> texts) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            List<Classifications> results = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += 500) {
                results.addAll(ClassificationServiceGrpc.newBlockingStub(channel).classify(ClassifyRequest.newBuilder()
                        .addAllTexts(texts.subList(from, Math.min(texts.size(), from + 500))).setTopK(4).build())
                        .getResultsList());
            }
            return results;
        } finally {
            channel.shutdownNow();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command));
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
