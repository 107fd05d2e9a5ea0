package io.textclf.cli;

import io.textclf.application.plugin.Plugins;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.plugin.NamedProviders;
import io.textclf.domain.plugin.ServiceProviders;
import io.textclf.domain.text.TokenizerFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        List<TokenizerFactory> tokenizers = plugins.load(TokenizerFactory.class);
        List<BackendFactory> backends = plugins.load(BackendFactory.class);
        List<Found> found = new ArrayList<>();
        tokenizers.forEach(t -> found.add(new Found("tokenizer", t.name(), plugins.origin(t))));
        backends.forEach(b -> found.add(new Found("backend", b.name(), plugins.origin(b))));
        found.sort(Comparator.comparing(Found::kind).reversed().thenComparing(Found::name));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.array(found.stream().map(f -> Json.object("kind", Json.string(f.kind()), "name",
                    Json.string(f.name()), "origin", Json.string(f.origin()))).toList()));
        } else {
            found.forEach(f -> out.printf("%-10s %-16s %s%n", f.kind(), f.name(), f.origin()));
        }
        out.flush();
        // A nameless provider, or two of one name, would stop every other command: this one lists them first,
        // then refuses them as the registries do.
        NamedProviders.byName("tokenizer", TokenizerFactory.class, tokenizers, TokenizerFactory::name,
                ServiceProviders::origin);
        NamedProviders.byName("backend", BackendFactory.class, backends, BackendFactory::name,
                ServiceProviders::origin);
        return 0;
    }
}
