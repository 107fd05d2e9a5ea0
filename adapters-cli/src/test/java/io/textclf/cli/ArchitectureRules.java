package io.textclf.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.textclf.domain.backend.ComputeBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The architecture's rules, as ArchUnit rules that {@link ArchitectureTest} checks on every module's
 * production classes and shows firing on fixtures of offending classes.
 */
final class ArchitectureRules {

    /** Each compute backend's packages, and the packages of its engine: all it may use besides the domain and the JDK. */
    static final Map<String, List<String>> BACKEND_ENGINES = Map.of(
            "io.textclf.nd4j..", List.of("org.nd4j..", "org.bytedeco.."),
            "io.textclf.djl..", List.of("ai.djl.."));

    /** Every layer and the packages it is made of; a textclf package in none of them breaks a rule. */
    static final Map<String, List<String>> LAYERS = layers();

    private static final List<String> ADAPTERS = List.of("io.textclf.cli..", "io.textclf.grpc..", "io.textclf.nd4j..",
            "io.textclf.djl..", "io.textclf.modelexchange..", "io.textclf.spark..");

    private ArchitectureRules() {
    }

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        layers.put("Domain", List.of("io.textclf.domain.."));
        layers.put("Model format", List.of("io.textclf.modelformat.."));
        layers.put("RPC API", List.of("io.textclf.proto.."));
        layers.put("Application", List.of("io.textclf.application.."));
        layers.put("Backends", List.copyOf(BACKEND_ENGINES.keySet()));
        layers.put("Adapters", List.of("io.textclf.cli..", "io.textclf.grpc..", "io.textclf.modelexchange..",
                "io.textclf.spark.."));
        layers.put("Test kits", List.of("io.textclf.backendkit.."));
        layers.put("Examples", List.of("io.textclf.examples.."));
        return layers;
    }

    /** A package of textclf's that belongs to no layer would escape every other rule. */
    static ArchRule everyPackageBelongsToALayer() {
        return classes().that().resideInAPackage("io.textclf..")
                .should().resideInAnyPackage(LAYERS.values().stream().flatMap(List::stream).toArray(String[]::new))
                .because("every package is assigned to a layer, so that the layering rules see it");
    }

    /**
     * Dependencies point inwards; backends, adapters, test kits and examples are reached by nobody. Every layer may
     * use the domain, so it has no clause of its own: what the domain itself may use is
     * {@link #domainUsesOnlyTheJdkAndCommonsMath()}.
     */
    static ArchRule dependenciesPointInwards() {
        var layered = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
            layered = layered.layer(layer.getKey()).definedBy(layer.getValue().toArray(String[]::new));
        }
        return layered
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("Backends").mayNotBeAccessedByAnyLayer()
                .whereLayer("Test kits").mayNotBeAccessedByAnyLayer()
                .whereLayer("Examples").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("RPC API").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Model format").mayOnlyBeAccessedByLayers("RPC API", "Application", "Adapters", "Examples");
    }

    static ArchRule domainUsesOnlyTheJdkAndCommonsMath() {
        return classes().that().resideInAPackage("io.textclf.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jdk.incubator.vector..", "io.textclf.domain..", "org.apache.commons.math3..");
    }

    static ArchRule modelFormatUsesOnlyTheDomainAndProtobuf() {
        return usesOnlyTheDomainAndProtobuf("io.textclf.modelformat..",
                "a JVM project reads and writes model files with the domain and protobuf-java alone");
    }

    static ArchRule modelExchangeUsesOnlyTheDomainAndProtobuf() {
        return usesOnlyTheDomainAndProtobuf("io.textclf.modelexchange..",
                "ONNX, safetensors and PyTorch files are made from and into the domain's values alone");
    }

    private static ArchRule usesOnlyTheDomainAndProtobuf(String module, String reason) {
        return classes().that().resideInAPackage(module)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.textclf.domain..", module, "com.google.protobuf..")
                .because(reason);
    }

    /** A backend may use the domain, the JDK and its engine: no application, no Guice, no other backend. */
    static ArchRule backendsUseOnlyTheDomainTheJdkAndTheirEngine() {
        return classes().that().resideInAnyPackage(BACKEND_ENGINES.keySet().toArray(String[]::new))
                .should(useOnlyTheDomainTheJdkAndTheirEngine());
    }

    private static ArchCondition<JavaClass> useOnlyTheDomainTheJdkAndTheirEngine() {
        return new ArchCondition<>("use only the domain, the JDK and their engine") {
            @Override
            public void check(JavaClass backendClass, ConditionEvents events) {
                String own = BACKEND_ENGINES.keySet().stream()
                        .filter(p -> PackageMatcher.of(p).matches(backendClass.getPackageName())).findFirst().orElseThrow();
                List<String> allowed = new ArrayList<>(List.of("java..", "io.textclf.domain..", own));
                allowed.addAll(BACKEND_ENGINES.get(own));
                for (Dependency dependency : backendClass.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                    if (!target.isEmpty() && allowed.stream().noneMatch(p -> PackageMatcher.of(p).matches(target))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * An engine is used by its backend alone: any other module reaches it through the domain's {@code ComputeBackend}
     * port, so that choosing a backend stays a matter of configuration.
     */
    static ArchRule onlyItsBackendUsesAnEngine() {
        List<ArchRule> rules = BACKEND_ENGINES.entrySet().stream()
                .map(backend -> (ArchRule) noClasses().that().resideOutsideOfPackage(backend.getKey())
                        .should().dependOnClassesThat().resideInAnyPackage(backend.getValue().toArray(String[]::new))
                        .because("only " + backend.getKey() + " uses its engine"))
                .toList();
        return CompositeArchRule.of(rules);
    }

    /**
     * The Spark adapter builds on the domain and the model format alone: no use cases, no Guice, no RPC
     * schemas, so that its application jar holds textclf's core and nothing that could clash with Spark's.
     */
    static ArchRule sparkUsesTheDomainAndTheModelFormatOnly() {
        return noClasses().that().resideInAPackage("io.textclf.spark..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.textclf.application..", "io.textclf.proto..", "com.google.inject..",
                        "io.grpc..")
                .because("adapters-spark depends on the domain and the model format only");
    }

    static ArchRule applicationKnowsNoAdapterOrTransport() {
        return noClasses().that().resideInAPackage("io.textclf.application..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(Stream.concat(ADAPTERS.stream(), Stream.of("io.textclf.proto..", "picocli..",
                        "io.prometheus..", "io.grpc..", "org.nd4j..", "ai.djl..")).toArray(String[]::new));
    }

    /** Only the composition root ({@code cli}) may know other adapters. */
    static ArchRule noAdapterDependsOnAnotherExceptTheCompositionRoot() {
        return classes().that().resideInAnyPackage(ADAPTERS.stream().filter(p -> !p.equals("io.textclf.cli.."))
                        .toArray(String[]::new))
                .should(new ArchCondition<>("depend on no other adapter") {
                    @Override
                    public void check(JavaClass adapterClass, ConditionEvents events) {
                        String own = ADAPTERS.stream()
                                .filter(p -> PackageMatcher.of(p).matches(adapterClass.getPackageName()))
                                .findFirst().orElseThrow();
                        for (Dependency dependency : adapterClass.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getPackageName();
                            if (ADAPTERS.stream().anyMatch(p -> !p.equals(own) && PackageMatcher.of(p).matches(target))) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                });
    }
}
