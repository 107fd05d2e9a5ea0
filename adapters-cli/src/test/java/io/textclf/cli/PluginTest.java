package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.textclf.application.TestData;
import io.textclf.cli.pluginfixture.ImpostorTokenizerFactory;
import io.textclf.cli.pluginfixture.ThrowingTokenizerFactory;
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
        assertEquals("textclf: error: unknown tokenizer 'char_trigrams' (available: basic_english); for another, put its "
                + "jar in the plug-in folder ($TEXTCLF_PLUGINS, or plugins/ beside the installation)\n", run.err());
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
        Path broken = serviceJar(folder.resolve("broken.jar"), "com.example.MissingTokenizer");
        Path notAJar = Files.createDirectories(dir.resolve("not-a-jar"));
        Files.writeString(notAJar.resolve("plugin.jar"), "not a zip");
        CliRun unreadable = CliRun.with(Map.of("TEXTCLF_PLUGINS", notAJar.toString()), "", "plugins");
        assertEquals(1, unreadable.exitCode(), unreadable.err());
        assertTrue(unreadable.err().strip().startsWith("textclf: error: plug-in " + notAJar.resolve("plugin.jar")
                + " is not a readable jar ("), unreadable.err());
        for (String[] command : List.of(new String[] {"plugins"}, new String[] {"tokenize", "Goal!"})) {
            CliRun run = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", command);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("textclf: error: plug-in " + broken + " lists the TokenizerFactory "
                    + "com.example.MissingTokenizer that cannot be loaded: not found; fix or remove the jar (its "
                    + "META-INF/services/io.textclf.domain.text.TokenizerFactory names it)", run.err().strip());
        }
    }

    @Test
    void aProviderWhoseConstructorFailsIsNamedWithItsJarAndTheCause() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("throwing-plugins"));
        Path jar = serviceJar(folder.resolve("throwing.jar"), ThrowingTokenizerFactory.class.getName());
        CliRun run = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", "plugins");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: plug-in " + jar + " lists the TokenizerFactory "
                + ThrowingTokenizerFactory.class.getName() + " that cannot be loaded: IllegalStateException: cannot "
                + "find my dictionary file; fix or remove the jar (its META-INF/services/"
                + "io.textclf.domain.text.TokenizerFactory names it)", run.err().strip());
    }

    @Test
    void twoVersionsOfOnePluginAreRefusedNamingBothJars() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("two-versions"));
        Path older = serviceJar(folder.resolve("words-1.0.jar"), "com.example.WordsTokenizerFactory");
        Path newer = serviceJar(folder.resolve("words-1.1.jar"), "com.example.WordsTokenizerFactory");
        CliRun run = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", "tokenize", "Goal!");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("textclf: error: plug-ins " + older + " and " + newer + " both provide "
                + "io.textclf.domain.text.TokenizerFactory: com.example.WordsTokenizerFactory: two versions of one "
                + "plug-in? The first would be used and the other ignored; keep one", run.err().strip());
    }

    /** Two plug-ins may bundle one library, its own service files included: only textclf's services are compared. */
    @Test
    void twoPluginsBundlingOneLibraryBothLoad() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("shared-library"));
        for (String name : List.of("a.jar", "b.jar")) {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(folder.resolve(name)))) {
                out.putNextEntry(new JarEntry("META-INF/services/com.example.Codec"));
                out.write("com.example.CodecImpl\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        CliRun run = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", "plugins");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void pluginsListsTwoTokenizersOfOneNameAndFails() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("impostor"));
        serviceJar(folder.resolve("impostor.jar"), ImpostorTokenizerFactory.class.getName());
        CliRun run = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", "plugins");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(2, run.out().lines().filter(l -> l.matches("tokenizer\\s+basic_english\\s.*")).count(), run.out());
        assertTrue(run.err().startsWith("textclf: error: two tokenizers are named 'basic_english': "), run.err());
        CliRun tokenize = CliRun.with(Map.of("TEXTCLF_PLUGINS", folder.toString()), "", "tokenize", "Goal!");
        assertEquals(1, tokenize.exitCode(), tokenize.err());
        assertTrue(tokenize.err().contains(ImpostorTokenizerFactory.class.getName() + " from "), tokenize.err());
    }

    /** A jar whose service file lists {@code provider} as a TokenizerFactory, and nothing else. */
    private static Path serviceJar(Path jar, String provider) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.textclf.domain.text.TokenizerFactory"));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
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
