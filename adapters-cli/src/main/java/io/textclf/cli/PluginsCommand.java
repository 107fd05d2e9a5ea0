package io.textclf.cli;

import io.textclf.application.plugin.Plugins;
import io.textclf.domain.backend.BackendFactory;
import io.textclf.domain.text.TokenizerFactory;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf plugins}: the tokenizers and compute backends found, and where each came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the tokenizers and compute backends found, one per line: kind, name, and the plug-in "
                + "jar it came from (or built-in). Plug-in jars are read from $TEXTCLF_PLUGINS, else the plugins/ "
                + "folder beside the installation.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Plugins plugins = Plugins.fromEnvironment(parent.context().environment());
        PrintWriter out = spec.commandLine().getOut();
        plugins.load(TokenizerFactory.class).stream().sorted(Comparator.comparing(TokenizerFactory::name))
                .forEach(t -> out.printf("tokenizer  %-16s %s%n", t.name(), plugins.origin(t)));
        plugins.load(BackendFactory.class).stream().sorted(Comparator.comparing(BackendFactory::name))
                .forEach(b -> out.printf("backend    %-16s %s%n", b.name(), plugins.origin(b)));
        out.flush();
        return 0;
    }
}
