package io.textclf.cli;

import io.textclf.application.plugin.Plugins;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.plugin.PluginException;
import io.textclf.domain.text.TokenizerFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf plugins}: the tokenizers and compute backends found, and where each came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the tokenizers and compute backends found, one per line: kind, name, and the plug-in "
                + "jar it came from (or built-in). Plug-in jars are read from $TEXTCLF_PLUGINS, else the plugins/ "
                + "folder beside the installation.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    private VerboseOption verbose;

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonOption json;

    /** One tokenizer or backend found: its kind, its name and the jar it came from ({@code built-in} for ours). */
    private record Found(String kind, String name, String origin) {
        Found {
            name = Objects.requireNonNullElse(name, "");
        }
    }

    @Override
    public Integer call() {
        Plugins plugins = Plugins.fromEnvironment(parent.context().environment());
        List<Found> found = new ArrayList<>();
        plugins.load(TokenizerFactory.class)
                .forEach(t -> found.add(new Found("tokenizer", t.name(), plugins.origin(t))));
        plugins.load(BackendFactory.class).forEach(b -> found.add(new Found("backend", b.name(), plugins.origin(b))));
        found.sort(Comparator.comparing(Found::kind).reversed().thenComparing(Found::name));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.array(found.stream().map(f -> Json.object("kind", Json.string(f.kind()), "name",
                    Json.string(f.name()), "origin", Json.string(f.origin()))).toList()));
        } else {
            found.forEach(f -> out.printf("%-10s %-16s %s%n", f.kind(), f.name(), f.origin()));
        }
        out.flush();
        requireDistinctNames(found);
        return 0;
    }

    /**
     * A nameless provider, or two of one kind and name, would stop every other command: this one lists them, then
     * fails naming them.
     */
    private static void requireDistinctNames(List<Found> found) {
        Map<String, Found> first = new HashMap<>();
        for (Found f : found) {
            if (f.name().isBlank()) {
                throw new PluginException("a " + f.kind() + " from " + f.origin() + " has no name", null);
            }
            Found before = first.putIfAbsent(f.kind() + " " + f.name(), f);
            if (before != null) {
                throw new PluginException("two " + f.kind() + "s are named '" + f.name() + "': " + before.origin()
                        + " and " + f.origin() + "; remove or rename one", null);
            }
        }
    }
}
