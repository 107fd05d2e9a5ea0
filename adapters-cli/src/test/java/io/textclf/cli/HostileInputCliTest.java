package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.textclf.application.TestData;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.modelformat.ModelFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or careless user gives the command: each is a one-line error and exit 1 or 2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputCliTest {

    @TempDir
    static Path dir;

    private Path model;

    @BeforeAll
    void train() {
        model = dir.resolve("mini.textclf");
        CliRun run = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o", model.toString(),
                "--epochs", "1", "--progress", "none");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aBatchSizeThatWouldOverflowIsAUsageError() {
        CliRun run = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o",
                dir.resolve("m.textclf").toString(), "--batch-size", "2147483647");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--batch-size must be in [1, 1048576], was 2147483647"), run.err());
    }

    @Test
    void infoRefusesADeviceWithoutReadingIt() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("info", "/dev/zero"));
        assertOneLine(1, "textclf: error: model file /dev/zero is not a regular file (a pipe or device cannot be read "
                + "as one)", run);
    }

    @Test
    void infoOnAFifoDoesNotHang() throws Exception {
        Path fifo = dir.resolve("pipe.textclf");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
        CompletableFuture<CliRun> info = new CompletableFuture<>();
        Thread reader = new Thread(() -> info.complete(CliRun.of("info", fifo.toString())), "info-on-a-fifo");
        reader.setDaemon(true);
        reader.start();
        try {
            assertOneLine(1, "textclf: error: model file " + fifo + " is not a regular file (a pipe or device "
                    + "cannot be read as one)", info.get(20, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            Files.write(fifo, new byte[0]);
            throw new AssertionError("info on a FIFO hung until a writer came", e);
        }
    }

    @Test
    void aModelWithAValidChecksumButNanWeightsIsRefusedNamingTheTensor() {
        ModelFileStore store = new ModelFileStore();
        ModelArtifact a = store.load(model);
        float[] bias = a.parameters().get(StateDict.FC_BIAS).values();
        bias[2] = Float.NaN;
        StateDict poisoned = StateDict.of(a.parameters().get(StateDict.EMBEDDING_WEIGHT),
                a.parameters().get(StateDict.FC_WEIGHT), new Tensor(new int[] {bias.length}, bias));
        Path file = dir.resolve("nan.textclf");
        store.save(new ModelArtifact(a.pipeline(), a.vocabulary(), a.labels(), poisoned, a.settings(), a.metrics(),
                a.provenance()), file);
        assertOneLine(1, "textclf: error: " + file + ": fc.bias holds NaN at index 2; the model file is unusable",
                CliRun.of("predict", "-m", file.toString(), "some text"));
    }

    @Test
    void aModelWithFiniteWeightsSoLargeThatScoresOverflowIsRefused() {
        ModelFileStore store = new ModelFileStore();
        ModelArtifact a = store.load(model);
        float[] embedding = a.parameters().get(StateDict.EMBEDDING_WEIGHT).values();
        java.util.Arrays.fill(embedding, 3e38f);
        StateDict huge = StateDict.of(new Tensor(a.parameters().get(StateDict.EMBEDDING_WEIGHT).shape(), embedding),
                a.parameters().get(StateDict.FC_WEIGHT), a.parameters().get(StateDict.FC_BIAS));
        Path file = dir.resolve("huge.textclf");
        store.save(new ModelArtifact(a.pipeline(), a.vocabulary(), a.labels(), huge, a.settings(), a.metrics(),
                a.provenance()), file);
        CliRun run = CliRun.of("predict", "-m", file.toString(), "some text");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("textclf: error: " + file + ": scores could reach "), run.err());
        assertTrue(run.err().strip().endsWith("past 1.0E30; the model file is unusable"), run.err());
    }

    @Test
    void aConfigThatIsAFolderIsSaidToBeOne() {
        assertOneLine(2, "textclf: error: config file " + dir + " is a folder, not a file",
                CliRun.of("predict", "--config", dir.toString(), "-m", model.toString(), "text"));
    }

    @Test
    void serveRefusesAModelsFolderThatDoesNotExist() {
        Path missing = dir.resolve("modles");
        assertOneLine(1, "textclf: error: --models-dir " + missing + " does not exist (create it to start without "
                + "models)", CliRun.of("serve", "--host", "127.0.0.1", "--port", "0", "--models-dir", missing.toString(),
                "--data-root", dir.toString()));
    }

    private static void assertOneLine(int exitCode, String expected, CliRun run) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(expected, run.err().strip());
    }
}
