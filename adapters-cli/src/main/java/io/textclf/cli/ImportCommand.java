package io.textclf.cli;

import io.textclf.application.TextclfVersion;
import io.textclf.application.plugin.Plugins;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Tokenizers;
import io.textclf.domain.text.UnknownTokenizerException;
import io.textclf.modelexchange.pytorch.ImportedModel;
import io.textclf.modelexchange.pytorch.PyTorchImport;
import io.textclf.modelformat.ModelFileStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf import}: a model trained by the tutorial's PyTorch code becomes a textclf model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn the tutorial's PyTorch model into a textclf model file (see docs/model-format.md).",
            "The state_dict as safetensors (embedding.weight, fc.weight, fc.bias; float32), the vocabulary as "
                    + "vocab.get_itos() one token per line, the class names one per line. Texts are tokenized with "
                    + "basic_english and unknown tokens map to <unk>, as in the tutorial."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private TextclfCommand parent;

    @Option(names = "--state-dict", required = true, paramLabel = "FILE.safetensors",
            description = "The model's state_dict in safetensors format.")
    private Path stateDict;

    @Option(names = "--vocab", paramLabel = "ITOS.txt",
            description = "The vocabulary, one token per line in index order (default: the file's textclf metadata).")
    private Path vocab;

    @Option(names = "--labels", paramLabel = "CLASSES.txt",
            description = "The class names, one per line in index order (default: the file's textclf metadata).")
    private Path labels;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Model file to write.")
    private Path output;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        ModelFileStore store = new ModelFileStore();
        store.checkWritable(output);
        ImportedModel imported = PyTorchImport.read(stateDict, Optional.ofNullable(vocab), Optional.ofNullable(labels));
        requireTokenizer(imported.pipeline());
        PrintWriter out = spec.commandLine().getOut();
        warnOfNamesThatNeverMatch(imported);
        store.save(imported.toArtifact(TextclfVersion.current(), Instant.now()), output);
        ModelDims dims = imported.parameters().dims();
        int buckets = imported.pipeline().wordNgrams().buckets();
        if (json.json) {
            out.println(Json.object("model_file", Json.string(output.toString()),
                    "state_dict", Json.string(stateDict.toString()),
                    "tokenizer", Json.string(imported.pipeline().tokenizer()),
                    "vocabulary_size", Integer.toString(imported.vocabulary().size()),
                    "buckets", Integer.toString(buckets),
                    "embedding_dim", Integer.toString(dims.embeddingDim()),
                    "labels", Json.array(imported.labels().stream().map(Json::string).toList())));
        } else {
            out.printf("imported %s: vocabulary %d tokens%s, embedding dim %d, %d classes (%s)%n", stateDict,
                    imported.vocabulary().size(), buckets > 0 ? " and " + buckets + " word n-gram buckets" : "",
                    dims.embeddingDim(), dims.numClasses(), String.join(", ", imported.labels()));
            out.printf("saved model to %s%n", output);
        }
        out.flush();
        return 0;
    }

    /** Refuses a pipeline whose tokenizer no installed plug-in provides: the model would predict nothing. */
    private void requireTokenizer(PipelineSpec pipeline) {
        try {
            Tokenizers.load(Plugins.fromEnvironment(parent.context().environment()).classLoader()).create(pipeline);
        } catch (UnknownTokenizerException e) {
            throw new UnknownTokenizerException(stateDict + ": " + e.getMessage() + "; a model made with it could not "
                    + "tokenize (install the plug-in that provides it, see 'textclf plugins')", e.nameUnknown());
        }
    }

    /**
     * basic_english lower-cases and splits at whitespace: a vocabulary token with a capital letter or whitespace is
     * never seen, its row never used. A class name with spaces at either end is kept as it is, and printed so.
     */
    private void warnOfNamesThatNeverMatch(ImportedModel imported) {
        PrintWriter err = spec.commandLine().getErr();
        if (imported.pipeline().tokenizer().equals(PipelineSpec.DEFAULT_TOKENIZER)) {
            List<String> unseen = imported.vocabulary().tokens().stream()
                    .filter(token -> token.chars().anyMatch(Character::isWhitespace)
                            || !token.equals(token.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!unseen.isEmpty()) {
                err.printf("textclf: warning: %d vocabulary tokens hold whitespace or capital letters (the first: "
                        + "'%s'), which %s never yields: their rows are never used%n", unseen.size(), unseen.get(0),
                        PipelineSpec.DEFAULT_TOKENIZER);
            }
        }
        imported.labels().stream().filter(label -> !label.equals(label.strip())).findFirst().ifPresent(label ->
                err.printf("textclf: warning: class name '%s' has spaces at an end; predictions print it so%n", label));
        err.flush();
    }
}
