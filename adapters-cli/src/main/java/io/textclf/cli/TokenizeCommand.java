package io.textclf.cli;

import io.textclf.application.plugin.Plugins;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizer;
import io.textclf.domain.text.Tokenizers;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf tokenize}: what the model sees of each input line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the tokens of each text (arguments, or lines of stdin), space-separated, "
                + "one output line per input.")
final class TokenizeCommand implements Callable<Integer> {

    @Mixin
    private VerboseOption verbose;

    private static final int BATCH = 256;

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = PipelineSpec.DEFAULT_TOKENIZER,
            description = "Tokenizer (default: ${DEFAULT-VALUE}); textclf plugins lists the others.")
    private String tokenizerName;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Texts (default: lines of stdin).")
    private List<String> texts;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        Tokenizers tokenizers = Tokenizers.load(Plugins.fromEnvironment(parent.context().environment()).classLoader());
        Tokenizer tokenizer = InvalidOptionException.whenResolving(
                () -> tokenizers.create(PipelineSpec.tokenizer(tokenizerName)));
        PrintWriter out = spec.commandLine().getOut();
        TextInputs.inBatches(texts, BATCH, batch -> {
            batch.forEach(text -> out.println(json.json ? toJson(text, tokenizer.tokenize(text))
                    : String.join(" ", tokenizer.tokenize(text))));
            out.flush();
        });
        out.flush();
        return 0;
    }

    private static String toJson(String text, List<String> tokens) {
        return Json.object("text", Json.string(text), "tokens", Json.array(tokens.stream().map(Json::string).toList()));
    }
}
