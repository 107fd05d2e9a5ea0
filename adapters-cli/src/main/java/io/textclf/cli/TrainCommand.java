package io.textclf.cli;

import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingReport;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.domain.train.Evaluation;
import io.textclf.domain.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code textclf train}: the tutorial's training run; every hyperparameter defaults to the tutorial's. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a classifier on a dataset and save it as a model file.")
final class TrainCommand implements Callable<Integer> {

    private static final TrainingSettings TUTORIAL = TrainingSettings.tutorial();

    @ParentCommand
    private TextclfCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-d", "--data"}, required = true,
            description = "Dataset folder (train.csv[.gz], test.csv[.gz], classes.txt, or fastText train.txt/test.txt) "
                    + "or dataset name (ag_news).")
    private String data;

    @Option(names = {"-o", "--output"}, defaultValue = "model.textclf",
            description = "Model file to write (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--epochs", description = "Epochs (default: 10).")
    private int epochs = TUTORIAL.epochs();

    @Option(names = "--lr", description = "SGD learning rate (default: 5).")
    private double learningRate = TUTORIAL.learningRate();

    @Option(names = "--batch-size", description = "Documents per step (default: 64).")
    private int batchSize = TUTORIAL.batchSize();

    @Option(names = "--embed-dim", description = "Embedding dimension (default: 64).")
    private int embeddingDim = TUTORIAL.embeddingDim();

    @Option(names = "--gamma", description = "StepLR factor (default: 0.1).")
    private double gamma = TUTORIAL.gamma();

    @Option(names = "--step-size", description = "StepLR step size (default: 1).")
    private int stepSize = TUTORIAL.stepSize();

    @Option(names = "--clip-norm", description = "Max total gradient L2 norm (default: 0.1).")
    private double clipNorm = TUTORIAL.clipNorm();

    @Option(names = "--valid-fraction", description = "Share of the training file held out to validate (default: 0.05).")
    private double validationFraction = TUTORIAL.validationFraction();

    @Option(names = "--seed", description = "Seed of initial weights, split and shuffles (default: 1).")
    private long seed = TUTORIAL.seed();

    @Option(names = "--init-range", description = "Weights start uniform in [-r, r) (default: 0.5).")
    private double initRange = TUTORIAL.initRange();

    @Option(names = "--min-freq", description = "Leave out tokens seen fewer times (default: 1).")
    private int minFreq = TUTORIAL.minFreq();

    @Option(names = "--max-tokens", description = "Largest vocabulary size including <unk>, 0 for no limit (default: 0).")
    private int maxTokens = TUTORIAL.maxTokens();

    @Option(names = "--log-interval", description = "Batches between progress lines (default: 500).")
    private int logInterval = TUTORIAL.logInterval();

    @Option(names = "--skip-bad-rows", description = "Skip malformed data rows (and report how many) instead of failing.")
    private boolean skipBadRows;

    @Option(names = "--progress", description = "Progress display: auto (a bar on a terminal, plain lines otherwise), "
            + "bar, lines or none (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    private ProgressMode progress;

    @Override
    public Integer call() {
        TrainingSettings settings = new TrainingSettings(epochs, learningRate, batchSize, embeddingDim, gamma,
                stepSize, clipNorm, validationFraction, seed, initRange, minFreq, maxTokens, logInterval);
        TextclfConfig config = common.resolve(parent.context().environment());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainUseCase useCase = common.injector(parent.context().environment()).getInstance(TrainUseCase.class);
        String backend = config.value(SettingKey.BACKEND);
        TrainingReport report = useCase.train(
                new TrainRequest(data, settings, backend, output, skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL),
                ProgressPrinter.create(progress, out, err, settings.logInterval()));
        if (!report.skippedRows().isEmpty()) {
            err.printf("skipped %d malformed rows, first: %s%n", report.skippedRows().size(), report.skippedRows().get(0));
        }
        report.test().ifPresent(test -> out.println(testLine(test)));
        out.printf("saved model to %s%n", report.modelFile());
        return 0;
    }

    private static String testLine(Evaluation test) {
        return String.format(Locale.ROOT, "test accuracy %.4f (%d rows, loss %.4f)", test.accuracy(), test.examples(),
                test.meanLoss());
    }
}
