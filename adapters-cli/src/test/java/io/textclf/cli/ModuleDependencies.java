package io.textclf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The architecture's rules as they apply to the modules' poms: a dependency that a pom declares reaches every
 * consumer of the module even when no class uses it, which the class-level rules ({@link ArchitectureRules}) cannot
 * see. Test-scoped dependencies reach no consumer and are not checked.
 */
final class ModuleDependencies {

    static final String GROUP = "io.textclf";

    /** Each module's layer, by artifact id. */
    private static final Map<String, String> LAYER_OF = Map.ofEntries(
            Map.entry("textclf-domain", "Domain"),
            Map.entry("textclf-model-format", "Model format"),
            Map.entry("textclf-proto", "RPC API"),
            Map.entry("textclf-application", "Application"),
            Map.entry("textclf-adapters-nd4j", "Backends"),
            Map.entry("textclf-adapters-djl", "Backends"),
            Map.entry("textclf-adapters-grpc", "Adapters"),
            Map.entry("textclf-model-exchange", "Adapters"),
            Map.entry("textclf-adapters-spark", "Adapters"),
            Map.entry("textclf-cli", "Composition root"),
            Map.entry("textclf-backend-contract-tests", "Test kits"),
            Map.entry("textclf-example-char-trigrams", "Examples"),
            Map.entry("textclf-example-library-use", "Examples"),
            Map.entry("textclf-distribution", "Distribution"),
            Map.entry("textclf-parent", "Parent"));

    /** The layers whose modules each layer's modules may depend on. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("Domain", Set.of()),
            Map.entry("Model format", Set.of("Domain")),
            Map.entry("RPC API", Set.of("Domain", "Model format")),
            Map.entry("Application", Set.of("Domain", "Model format")),
            Map.entry("Backends", Set.of("Domain")),
            Map.entry("Adapters", Set.of("Domain", "Model format", "RPC API", "Application")),
            Map.entry("Composition root",
                    Set.of("Domain", "Model format", "RPC API", "Application", "Backends", "Adapters")),
            Map.entry("Test kits", Set.of("Domain")),
            Map.entry("Examples", Set.of("Domain", "Model format")),
            Map.entry("Distribution", Set.of("Composition root")),
            Map.entry("Parent", Set.of()));

    /** What besides textclf's modules a module may depend on, where that is restricted: groups, or group:artifact. */
    private static final Map<String, Set<String>> ONLY_EXTERNAL = Map.of(
            "textclf-domain", Set.of("org.apache.commons:commons-math3"),
            "textclf-parent", Set.of(),
            "textclf-adapters-nd4j", Set.of("org.nd4j", "org.bytedeco", "org.slf4j:slf4j-api"),
            "textclf-adapters-djl", Set.of("ai.djl", "ai.djl.pytorch"));

    private ModuleDependencies() {
    }

    /** One declared dependency, scope included ({@code compile} when the pom names none). */
    record Dependency(String groupId, String artifactId, String scope) {
        @Override
        public String toString() {
            return groupId + ":" + artifactId + " (" + scope + ")";
        }
    }

    /**
     * The parent pom at {@code root} and the modules it lists, each as its pom's artifact id and its declared
     * dependencies.
     */
    static Map<String, List<Dependency>> ofProject(Path root) {
        Map<String, List<Dependency>> modules = new LinkedHashMap<>(ofPom(root.resolve("pom.xml")));
        for (Element module : children(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Path pom = root.resolve(module.getTextContent().strip()).resolve("pom.xml");
            modules.putAll(ofPom(pom));
        }
        return modules;
    }

    /** One pom's artifact id and its declared dependencies, its profiles' included. */
    static Map<String, List<Dependency>> ofPom(Path pom) {
        Element project = parse(pom).getDocumentElement();
        List<Dependency> dependencies = new ArrayList<>(dependencies(project));
        for (Element profile : children(project, "profiles", "profile")) {
            dependencies.addAll(dependencies(profile));
        }
        return Map.of(text(project, "artifactId"), dependencies);
    }

    /** Every rule a module's declared dependencies break, one line each; empty when all hold. */
    static List<String> violations(Map<String, List<Dependency>> modules) {
        List<String> violations = new ArrayList<>();
        modules.forEach((module, dependencies) -> {
            String layer = LAYER_OF.get(module);
            if (layer == null) {
                violations.add(module + " belongs to no layer");
                return;
            }
            for (Dependency dependency : dependencies) {
                if (dependency.scope().equals("test")) {
                    continue;
                }
                if (dependency.groupId().equals(GROUP)) {
                    String used = LAYER_OF.get(dependency.artifactId());
                    if (used == null || !MAY_USE.get(layer).contains(used)) {
                        violations.add(module + " (" + layer + ") depends on " + dependency + " ("
                                + (used == null ? "no layer" : used) + ")");
                    }
                } else if (ONLY_EXTERNAL.containsKey(module) && ONLY_EXTERNAL.get(module).stream().noneMatch(
                        allowed -> allowed.equals(dependency.groupId())
                                || allowed.equals(dependency.groupId() + ":" + dependency.artifactId()))) {
                    violations.add(module + " depends on " + dependency + ", outside " + ONLY_EXTERNAL.get(module));
                }
            }
        });
        return violations;
    }

    private static List<Dependency> dependencies(Element parent) {
        return children(parent, "dependencies", "dependency").stream()
                .map(d -> new Dependency(text(d, "groupId").replace("${project.groupId}", GROUP), text(d, "artifactId"),
                        text(d, "scope").isEmpty() ? "compile" : text(d, "scope")))
                .toList();
    }

    /** The {@code item} elements of {@code parent}'s direct child {@code list}. */
    private static List<Element> children(Element parent, String list, String item) {
        List<Element> items = new ArrayList<>();
        for (Element container : direct(parent, list)) {
            items.addAll(direct(container, item));
        }
        return items;
    }

    private static List<Element> direct(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = direct(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(pom + ": not a readable pom: " + e.getMessage(), e);
        }
    }
}
