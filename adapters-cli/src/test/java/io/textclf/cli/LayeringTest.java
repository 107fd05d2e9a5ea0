package io.textclf.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.textclf.modelexchange.fixture.ExchangeUsingTheApplication;
import io.textclf.modelexchange.onnx.OnnxExport;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of DEVELOPERS.md, over every textclf module on the composition root's class
 * path: adapters -> application -> domain; the domain depends on the JDK and commons-math3 only;
 * no adapter depends on another adapter except the CLI, which assembles the executable.
 */
class LayeringTest {

    private static final JavaClasses TEXTCLF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.textclf");

    @Test
    void dependenciesPointInwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Domain").definedBy("io.textclf.domain..")
                .layer("Application").definedBy("io.textclf.application..")
                .layer("Adapters").definedBy("io.textclf.cli..", "io.textclf.grpc..", "io.textclf.nd4j..",
                        "io.textclf.djl..", "io.textclf.modelexchange..")
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters")
                .check(TEXTCLF);
    }

    @Test
    void domainUsesOnlyTheJdkAndCommonsMath() {
        classes().that().resideInAPackage("io.textclf.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.textclf.domain..", "org.apache.commons.math3..")
                .check(TEXTCLF);
    }

    @Test
    void applicationKnowsNoAdapterOrTransport() {
        noClasses().that().resideInAPackage("io.textclf.application..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.textclf.cli..", "io.textclf.grpc..", "io.textclf.nd4j..", "io.textclf.djl..",
                        "io.textclf.modelexchange..", "picocli..", "io.grpc..", "org.nd4j..", "ai.djl..")
                .check(TEXTCLF);
    }

    @Test
    void noAdapterDependsOnAnotherExceptTheCompositionRoot() {
        String[][] pairs = {
            {"io.textclf.grpc..", "io.textclf.nd4j.."}, {"io.textclf.grpc..", "io.textclf.djl.."},
            {"io.textclf.grpc..", "io.textclf.cli.."}, {"io.textclf.nd4j..", "io.textclf.djl.."},
            {"io.textclf.nd4j..", "io.textclf.grpc.."}, {"io.textclf.nd4j..", "io.textclf.cli.."},
            {"io.textclf.djl..", "io.textclf.nd4j.."}, {"io.textclf.djl..", "io.textclf.grpc.."},
            {"io.textclf.djl..", "io.textclf.cli.."}, {"io.textclf.grpc..", "io.textclf.modelexchange.."},
            {"io.textclf.nd4j..", "io.textclf.modelexchange.."}, {"io.textclf.djl..", "io.textclf.modelexchange.."}};
        for (String[] pair : pairs) {
            noClasses().that().resideInAPackage(pair[0]).should().dependOnClassesThat().resideInAPackage(pair[1])
                    .allowEmptyShould(true).check(TEXTCLF);
        }
    }

    /** Model exchange formats need the domain's values and protobuf, nothing of the application or other adapters. */
    static final ArchRule MODEL_EXCHANGE_NEEDS_ONLY_THE_DOMAIN = classes()
            .that().resideInAPackage("io.textclf.modelexchange..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.textclf.domain..", "io.textclf.modelexchange..", "com.google.protobuf..");

    @Test
    void modelExchangeNeedsOnlyTheDomainAndProtobuf() {
        assertTrue(TEXTCLF.contain(OnnxExport.class), "model-exchange is on the class path");
        MODEL_EXCHANGE_NEEDS_ONLY_THE_DOMAIN.check(TEXTCLF);
    }

    @Test
    void modelExchangeRuleFiresOnAClassThatUsesTheApplication() {
        JavaClasses offending = new ClassFileImporter().importClasses(ExchangeUsingTheApplication.class);
        assertThrows(AssertionError.class, () -> MODEL_EXCHANGE_NEEDS_ONLY_THE_DOMAIN.check(offending));
    }
}
