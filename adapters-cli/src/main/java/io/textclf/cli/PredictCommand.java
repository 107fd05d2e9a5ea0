package io.textclf.cli;

import com.google.inject.Injector;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.predict.LoadedClassifier;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code textclf predict}: the tutorial's {@code predict(text)} on raw texts. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify texts given as arguments, or one per line on standard input.")
final class PredictCommand implements Callable<Integer> {

    private static final int BATCH = 256;

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-m", "--model"}, required = true, description = "Model file.")
    private Path model;

    @Option(names = {"-k", "--top-k"}, defaultValue = "1", description = "Labels per text (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Mixin
    private JsonOption json;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Texts to classify (default: lines of stdin).")
    private List<String> texts;

    @Override
    public Integer call() {
        if (topK < 1) {
            throw new ParameterException(spec.commandLine(), "--top-k must be at least 1, was " + topK);
        }
        Injector injector = common.injector(parent.context().environment());
        String backend = common.checkedBackend(parent.context().environment(), injector);
        PrintWriter out = spec.commandLine().getOut();
        UnknownTexts unknown = new UnknownTexts();
        try (LoadedClassifier loaded = injector.getInstance(ClassifierLoader.class).load(model, backend)) {
            int classes = loaded.classifier().labels().size();
            if (topK > classes) {
                spec.commandLine().getErr().printf("textclf: warning: --top-k %d is more than the model's %d classes: "
                        + "each text gets all %d%n", topK, classes, classes);
            }
            TextInputs.inBatches(texts, BATCH, batch -> {
                List<Prediction> predictions = loaded.classifier().predict(batch, topK);
                for (int i = 0; i < batch.size(); i++) {
                    out.println(json.json ? toJson(batch.get(i), predictions.get(i)) : toLine(predictions.get(i)));
                    unknown.add(predictions.get(i));
                }
                out.flush();
            });
        }
        out.flush();
        unknown.warning().ifPresent(spec.commandLine().getErr()::println);
        return 0;
    }

    /** Counts the texts of which the model knew no word, to say so once at the end. */
    private static final class UnknownTexts {

        private static final int NAMED = 5;

        private final List<Integer> first = new ArrayList<>();
        private int texts;
        private int unknown;

        void add(Prediction prediction) {
            texts++;
            if (prediction.noKnownWords()) {
                unknown++;
                if (first.size() < NAMED) {
                    first.add(texts);
                }
            }
        }

        Optional<String> warning() {
            if (unknown == 0) {
                return Optional.empty();
            }
            String which = first.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (unknown > first.size() ? ", ..." : "");
            return Optional.of("textclf: warning: " + unknown + " of " + texts + " texts (number " + which + ") hold "
                    + "no word of the model's vocabulary: their labels rest on the unknown-word row (and any hashed "
                    + "word n-grams), or without words on the bias alone");
        }
    }

    private static String toLine(Prediction prediction) {
        return prediction.labels().stream()
                .map(l -> String.format(Locale.ROOT, "%s\t%.4f", l.label(), l.probability()))
                .collect(Collectors.joining("\t"));
    }

    private static String toJson(String text, Prediction prediction) {
        List<String> labels = prediction.labels().stream().map(PredictCommand::toJson).toList();
        return Json.object("text", Json.string(text), "labels", Json.array(labels), "words",
                Integer.toString(prediction.words()), "known_words", Integer.toString(prediction.knownWords()));
    }

    private static String toJson(ScoredLabel label) {
        return Json.object("label", Json.string(label.label()), "index", Integer.toString(label.index()),
                "probability", Json.number(label.probability()));
    }
}
