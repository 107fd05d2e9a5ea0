package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.textclf.application.TestData;
import io.textclf.grpc.ClientChannels;
import io.textclf.modelexchange.json.JsonReader;
import io.textclf.proto.v1.ClassificationServiceGrpc;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.proto.v1.ClassifyResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tokenizer from another project, used as it is: the example plug-in's jar (examples/char-trigrams,
 * kept off this module's class path) in the plug-in folder named by {@code TEXTCLF_PLUGINS}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginTest {

    private static final String TOKENIZER = "char_trigrams";

    @TempDir
    static Path dir;

    private Path jar;
    private Map<String, String> withPlugin;
    private Path model;
    private CliRun training;

    @BeforeAll
    void trainWithThePluginsTokenizer() throws IOException {
        jar = pluginJar(Files.createDirectories(dir.resolve("plugins")));
        withPlugin = Map.of("TEXTCLF_PLUGINS", jar.getParent().toString());
        model = dir.resolve("models/trigrams/1.textclf");
        Files.createDirectories(model.getParent());
        training = CliRun.with(withPlugin, "", "train", "--tokenizer", TOKENIZER, "-d",
                TestData.agNewsMini().toString(), "-o", model.toString(), "--epochs", "2", "--progress", "none");
    }

    @Test
    void theTokenizerIsNotOnTheClassPathWithoutThePlugin() {
        CliRun run = CliRun.of("train", "--tokenizer", TOKENIZER, "-d", TestData.agNewsMini().toString(), "-o",
                dir.resolve("never.textclf").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("textclf: error: unknown tokenizer 'char_trigrams' (available: basic_english)\n", run.err());
    }

    @Test
    void trainsRecordsAndPredictsWithThePluginsTokenizer() {
        assertEquals(0, training.exitCode(), training.err());
        assertTrue(training.out().contains("test accuracy 0."), training.out());
        CliRun info = CliRun.with(withPlugin, "", "info", model.toString());
        assertTrue(info.out().lines().anyMatch(l -> l.matches("tokenizer\\s+char_trigrams")), info.out());
        CliRun predict = CliRun.with(withPlugin, "", "predict", "-m", model.toString(),
                "The team won the championship game after a late goal in overtime");
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().startsWith("Sports\t"), predict.out());
        CliRun tokenize = CliRun.with(withPlugin, "", "tokenize", "--tokenizer", TOKENIZER, "Goal!");
        assertEquals("<go goa oal al>\n", tokenize.out());
    }

    @Test
    void pluginsListsWhatWasFoundAsLinesOrJson() {
        CliRun lines = CliRun.with(withPlugin, "", "plugins");
        assertEquals(0, lines.exitCode(), lines.err());
        assertTrue(lines.out().lines().anyMatch(l -> l.matches("tokenizer\\s+char_trigrams\\s+" + Pattern.quote(
                jar.toString()))), lines.out());
        assertTrue(lines.out().lines().anyMatch(l -> l.matches("backend\\s+reference\\s+built-in")), lines.out());
        CliRun json = CliRun.with(withPlugin, "", "plugins", "--json");
        assertEquals(0, json.exitCode(), json.err());
        List<?> found = (List<?>) JsonReader.parse(json.out().strip());
        assertTrue(found.contains(Map.of("kind", "tokenizer", "name", "char_trigrams", "origin", jar.toString())),
                json.out());
        assertTrue(found.contains(Map.of("kind", "backend", "name", "reference", "origin", "built-in")), json.out());
    }

    @Test
    void withoutThePluginPredictFailsInOneLineNamingTheTokenizer() {
        assertEquals(0, training.exitCode(), training.err());
        CliRun predict = CliRun.of("predict", "-m", model.toString(), "some text");
        assertEquals(1, predict.exitCode());
        assertEquals(1, predict.err().lines().count(), predict.err());
        assertTrue(predict.err().startsWith("textclf: error: " + model + ": unknown tokenizer 'char_trigrams'"),
                predict.err());
    }

    @Test
    void aJarListingAProviderItLacksGivesOneLineSayingWhatToDo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("broken-plugins"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(folder.resolve("broken.jar")))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.textclf.domain.text.TokenizerFactory"));
            out.write("com.example.MissingTokenizer\n".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> broken = Map.of("TEXTCLF_PLUGINS", folder.toString());
        Path notAJar = Files.createDirectories(dir.resolve("not-a-jar"));
        Files.writeString(notAJar.resolve("plugin.jar"), "not a zip");
        CliRun unreadable = CliRun.with(Map.of("TEXTCLF_PLUGINS", notAJar.toString()), "", "plugins");
        assertEquals(1, unreadable.exitCode(), unreadable.err());
        assertTrue(unreadable.err().strip().startsWith("textclf: error: plug-in " + notAJar.resolve("plugin.jar")
                + " is not a readable jar ("), unreadable.err());
        for (String[] command : List.of(new String[] {"plugins"}, new String[] {"tokenize", "Goal!"})) {
            CliRun run = CliRun.with(broken, "", command);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("textclf: error: a plug-in jar lists a TokenizerFactory that cannot be loaded "
                    + "(io.textclf.domain.text.TokenizerFactory: Provider com.example.MissingTokenizer not found): fix "
                    + "or remove the jar whose META-INF/services/io.textclf.domain.text.TokenizerFactory names it",
                    run.err().strip());
        }
    }

    @Test
    void pluginsListsEachTokenizerAndBackendWithItsJar() {
        List<String> lines = CliRun.with(withPlugin, "", "plugins").out().lines().toList();
        assertTrue(lines.contains(String.format("tokenizer  %-16s %s", TOKENIZER, jar)), lines.toString());
        assertTrue(lines.contains(String.format("tokenizer  %-16s %s", "basic_english", "built-in")), lines.toString());
        assertTrue(lines.contains(String.format("backend    %-16s %s", "reference", "built-in")), lines.toString());
        assertTrue(CliRun.of("plugins").out().lines().noneMatch(l -> l.contains(TOKENIZER)));
    }

    @Test
    void aServedModelClassifiesWithThePluginsTokenizer() throws Exception {
        assertEquals(0, training.exitCode(), training.err());
        ServeCommandTest.Serving serving = ServeCommandTest.Serving.startIn(dir, withPlugin, "serve", "--host",
                "127.0.0.1", "--port", "0", "--models-dir", dir.resolve("models").toString(), "--data-root",
                dir.resolve("data").toString());
        try {
            ManagedChannel channel = ClientChannels.open("127.0.0.1:" + serving.port(), Optional.empty(),
                    Optional.empty());
            try {
                ClassifyResponse response = ClassificationServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS).classify(ClassifyRequest.newBuilder()
                                .addTexts("The team won the championship game after a late goal in overtime").build());
                assertEquals("Sports", response.getResults(0).getClasses(0).getLabel());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            assertEquals(0, serving.stop(), serving.err());
        }
    }

    /**
     * The example plug-in's jar, as the build made it; when only its classes folder exists (a build that
     * stops before packaging), a jar of that folder.
     */
    private static Path pluginJar(Path folder) throws IOException {
        Path built = Path.of(System.getProperty("textclf.example.plugin"));
        Path jar = folder.resolve("textclf-example-char-trigrams.jar");
        if (Files.isRegularFile(built)) {
            return Files.copy(built, jar);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.walk(built)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(built.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
