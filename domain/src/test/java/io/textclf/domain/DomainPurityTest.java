package io.textclf.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.textclf.domain.reference.ReferenceBackend;
import io.textclf.domain.train.Trainer;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: it may use the JDK and commons-math3, nothing else. */
class DomainPurityTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.textclf.domain");

    @Test
    void importsTheProductionClasses() {
        assertTrue(DOMAIN.contain(Trainer.class) && DOMAIN.contain(ReferenceBackend.class));
        assertTrue(DOMAIN.size() > 30, "only " + DOMAIN.size() + " classes imported");
        assertTrue(DOMAIN.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void dependsOnlyOnTheJdkAndCommonsMath() {
        ArchRule rule = classes().that().resideInAPackage("io.textclf.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jdk.incubator.vector..", "io.textclf.domain..", "org.apache.commons.math3..");
        rule.check(DOMAIN);
    }
}
