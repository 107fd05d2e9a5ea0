package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.textclf.application.archfixture.ApplicationCallingGrpc;
import io.textclf.archfixture.Orphan;
import io.textclf.domain.archfixture.DomainReadingConfig;
import io.textclf.grpc.archfixture.GrpcUsingNd4j;
import io.textclf.modelformat.archfixture.ModelFormatUsingGrpc;
import io.textclf.nd4j.archfixture.GuiceBackendFactory;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The architecture's rules ({@link ArchitectureRules}) hold on the production classes of every module, and
 * each one fires on a fixture of offending classes (test sources, package {@code ...archfixture}), so
 * none of them passes for want of anything to check.
 */
class ArchitectureTest {

    /** Every module's production classes: the class path of the composition root, and the example plug-in. */
    private static final JavaClasses PRODUCTION = production();

    private static JavaClasses production() {
        Path plugin = Path.of(System.getProperty("textclf.example.plugin"));
        Set<Location> locations = new HashSet<>(Locations.ofPackage("io.textclf"));
        try {
            locations.add(Files.isRegularFile(plugin) ? Location.of(new JarFile(plugin.toFile())) : Location.of(plugin));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example plug-in " + plugin, e);
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
    }

    private static JavaClasses fixture(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[] {"io.textclf.domain.", "io.textclf.modelformat.", "io.textclf.proto.",
                "io.textclf.application.", "io.textclf.nd4j.", "io.textclf.djl.", "io.textclf.grpc.", "io.textclf.cli.",
                "io.textclf.backendkit.", "io.textclf.examples.trigrams.", "io.textclf.examples.library."}) {
            assertTrue(PRODUCTION.stream().anyMatch(c -> c.getName().startsWith(module)), module + " was not imported");
        }
        assertTrue(PRODUCTION.stream().noneMatch(c -> c.getPackageName().contains("archfixture")), "fixtures imported");
    }

    @Test
    void everyPackageBelongsToALayer() {
        holdsAndFires(ArchitectureRules.everyPackageBelongsToALayer(), fixture(Orphan.class));
    }

    @Test
    void dependenciesPointInwards() {
        holdsAndFires(ArchitectureRules.dependenciesPointInwards(),
                fixture(DomainReadingConfig.class, io.textclf.application.config.TextclfConfig.class));
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

    private static void holdsAndFires(ArchRule rule, JavaClasses offending) {
        rule.check(PRODUCTION);
        AssertionError fired = assertThrows(AssertionError.class, () -> rule.check(offending),
                "the rule did not fire on " + offending);
        assertTrue(fired.getMessage().contains("archfixture"), fired.getMessage());
    }
}
