package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.textclf.application.archfixture.ApplicationCallingGrpc;
import io.textclf.application.archfixture.ApplicationStartingTheServer;
import io.textclf.application.archfixture.ApplicationUsingAnExample;
import io.textclf.application.archfixture.ApplicationUsingTheBackendKit;
import io.textclf.application.config.TextclfConfig;
import io.textclf.backendkit.AgNewsMini;
import io.textclf.djl.archfixture.DjlWritingModelFiles;
import io.textclf.examples.library.LibraryUse;
import io.textclf.grpc.TextclfServer;
import io.textclf.modelformat.ModelFileStore;
import io.textclf.nd4j.Nd4jBackend;
import io.textclf.proto.v1.ClassifyRequest;
import io.textclf.archfixture.Orphan;
import io.textclf.domain.archfixture.DomainReadingConfig;
import io.textclf.grpc.archfixture.GrpcUsingNd4j;
import io.textclf.grpc.archfixture.GrpcUsingTheEnginesDirectly;
import io.textclf.modelexchange.archfixture.ModelExchangeUsingTheApplication;
import io.textclf.modelformat.archfixture.ModelFormatUsingGrpc;
import io.textclf.nd4j.archfixture.GuiceBackendFactory;
import io.textclf.spark.archfixture.SparkUsingApplication;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The architecture's rules ({@link ArchitectureRules}) hold on the production classes of every module, and
 * each one fires on a fixture of offending classes (test sources, package {@code ...archfixture}), so
 * none of them passes for want of anything to check.
 */
class ArchitectureTest {

    /** A module's test classes packed as a jar (Maven's {@code test-jar}), as a build outside the reactor has them. */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    /** Every module's production classes: the class path of the composition root, and the example plug-in. */
    private static final JavaClasses PRODUCTION = production();

    private static JavaClasses production() {
        Set<Location> locations = new HashSet<>(Locations.ofPackage("io.textclf"));
        locations.add(location(System.getProperty("textclf.example.plugin"), "the example plug-in"));
        locations.add(location(System.getProperty("textclf.spark.adapter"), "the Spark adapter"));
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR)).importLocations(locations);
    }

    /** The classes of a module kept off the test class path: its jar, or its classes folder. */
    private static Location location(String path, String what) {
        Path file = Path.of(path);
        try {
            return Files.isRegularFile(file) ? Location.of(new JarFile(file.toFile())) : Location.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    private static JavaClasses fixture(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[] {"io.textclf.domain.", "io.textclf.modelformat.", "io.textclf.proto.",
                "io.textclf.application.", "io.textclf.nd4j.", "io.textclf.djl.", "io.textclf.grpc.", "io.textclf.cli.",
                "io.textclf.backendkit.", "io.textclf.examples.trigrams.", "io.textclf.examples.library.",
                "io.textclf.modelexchange.", "io.textclf.spark."}) {
            assertTrue(PRODUCTION.stream().anyMatch(c -> c.getName().startsWith(module)), module + " was not imported");
        }
        assertTrue(PRODUCTION.stream().noneMatch(c -> c.getPackageName().contains("archfixture")), "fixtures imported");
        List<String> tests = PRODUCTION.stream().filter(c -> c.getSource().map(source -> source.getUri().toString())
                .filter(uri -> uri.contains("/test-classes/") || TEST_JAR.matcher(uri).matches()).isPresent())
                .map(JavaClass::getName).limit(3).toList();
        assertTrue(tests.isEmpty(), "test classes imported: " + tests);
    }

    @Test
    void everyPackageBelongsToALayer() {
        holdsAndFires(ArchitectureRules.everyPackageBelongsToALayer(), fixture(Orphan.class));
    }

    /** Each of the layering rule's clauses, broken by a fixture class and the class it should not use. */
    static Stream<Arguments> layerCrossings() {
        return Stream.of(
                Arguments.of("the domain uses the application", DomainReadingConfig.class, TextclfConfig.class),
                Arguments.of("the application uses an adapter", ApplicationStartingTheServer.class,
                        TextclfServer.class),
                Arguments.of("the application uses the RPC API", ApplicationCallingGrpc.class, ClassifyRequest.class),
                Arguments.of("the application uses a test kit", ApplicationUsingTheBackendKit.class, AgNewsMini.class),
                Arguments.of("the application uses an example", ApplicationUsingAnExample.class, LibraryUse.class),
                Arguments.of("an adapter uses a backend", GrpcUsingNd4j.class, Nd4jBackend.class),
                Arguments.of("a backend uses the application", GuiceBackendFactory.class, TextclfConfig.class),
                Arguments.of("a backend uses the model format", DjlWritingModelFiles.class, ModelFileStore.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerCrossings")
    void dependenciesPointInwards(String crossing, Class<?> offender, Class<?> used) {
        holdsAndFires(ArchitectureRules.dependenciesPointInwards(), fixture(offender, used));
    }

    @Test
    void theDomainUsesOnlyTheJdkAndCommonsMath() {
        holdsAndFires(ArchitectureRules.domainUsesOnlyTheJdkAndCommonsMath(), fixture(DomainReadingConfig.class));
    }

    @Test
    void theModelFormatUsesOnlyTheDomainAndProtobuf() {
        holdsAndFires(ArchitectureRules.modelFormatUsesOnlyTheDomainAndProtobuf(), fixture(ModelFormatUsingGrpc.class));
    }

    @Test
    void theModelExchangeUsesOnlyTheDomainAndProtobuf() {
        holdsAndFires(ArchitectureRules.modelExchangeUsesOnlyTheDomainAndProtobuf(),
                fixture(ModelExchangeUsingTheApplication.class));
    }

    @Test
    void aBackendUsesOnlyTheDomainTheJdkAndItsEngine() {
        holdsAndFires(ArchitectureRules.backendsUseOnlyTheDomainTheJdkAndTheirEngine(),
                fixture(GuiceBackendFactory.class));
    }

    @Test
    void theApplicationKnowsNoAdapterOrTransport() {
        holdsAndFires(ArchitectureRules.applicationKnowsNoAdapterOrTransport(), fixture(ApplicationCallingGrpc.class));
    }

    @Test
    void noAdapterDependsOnAnotherExceptTheCompositionRoot() {
        holdsAndFires(ArchitectureRules.noAdapterDependsOnAnotherExceptTheCompositionRoot(),
                fixture(GrpcUsingNd4j.class));
    }

    @Test
    void theSparkAdapterUsesTheDomainAndTheModelFormatOnly() {
        holdsAndFires(ArchitectureRules.sparkUsesTheDomainAndTheModelFormatOnly(),
                fixture(SparkUsingApplication.class));
    }

    @Test
    void onlyItsBackendUsesAnEngine() {
        AssertionError fired = holdsAndFires(ArchitectureRules.onlyItsBackendUsesAnEngine(),
                fixture(GrpcUsingTheEnginesDirectly.class));
        assertTrue(fired.getMessage().contains("org.nd4j") && fired.getMessage().contains("ai.djl"),
                fired.getMessage());
    }

    @Test
    void theModulesPomsDeclareOnlyWhatTheLayersAllow() {
        Map<String, List<ModuleDependencies.Dependency>> modules = ModuleDependencies.ofProject(Path.of(".."));
        assertTrue(modules.keySet().containsAll(List.of("textclf-domain", "textclf-adapters-nd4j",
                "textclf-adapters-djl", "textclf-cli", "textclf-example-library-use")), modules.keySet().toString());
        assertEquals(List.of(), ModuleDependencies.violations(modules));
    }

    /** Each fixture pom breaks one rule, and only that one. */
    static Stream<Arguments> offendingPoms() {
        return Stream.of(
                Arguments.of("domain-with-guava.xml", "textclf-domain depends on com.google.guava:guava (compile), "
                        + "outside [org.apache.commons:commons-math3]"),
                Arguments.of("nd4j-with-application.xml", "textclf-adapters-nd4j (Backends) depends on "
                        + "io.textclf:textclf-application (compile) (Application)"),
                Arguments.of("grpc-with-djl.xml", "textclf-adapters-grpc (Adapters) depends on "
                        + "io.textclf:textclf-adapters-djl (runtime) (Backends)"),
                Arguments.of("application-with-grpc.xml", "textclf-application (Application) depends on "
                        + "io.textclf:textclf-adapters-grpc (compile) (Adapters)"),
                Arguments.of("unknown-module.xml", "textclf-something belongs to no layer"),
                Arguments.of("parent-with-a-compile-dependency.xml", "textclf-parent depends on "
                        + "com.google.guava:guava (compile), outside []"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offendingPoms")
    void aPomRuleFiresOnAnOffendingPom(String fixture, String violation) throws URISyntaxException {
        Path pom = Path.of(ArchitectureTest.class.getResource("/archfixture/poms/" + fixture).toURI());
        assertEquals(List.of(violation), ModuleDependencies.violations(ModuleDependencies.ofPom(pom)));
    }

    private static AssertionError holdsAndFires(ArchRule rule, JavaClasses offending) {
        rule.check(PRODUCTION);
        AssertionError fired = assertThrows(AssertionError.class, () -> rule.check(offending),
                "the rule did not fire on " + offending);
        assertTrue(fired.getMessage().contains("archfixture"), fired.getMessage());
        return fired;
    }
}
