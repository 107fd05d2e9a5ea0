package io.textclf.cli;

import io.textclf.application.backend.BackendRegistry;
import io.textclf.application.config.SettingKey;
import io.textclf.application.config.TextclfConfig;
import io.textclf.application.train.ParityUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.domain.backend.Device;
import io.textclf.domain.train.Lockstep;
import io.textclf.domain.train.TrainingSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code textclf bench parity}: a backend on a device trained side by side with another (by default the
 * reference on the CPU) from the same initial weights, as the backend contract's 100-step test does, from
 * the command line: for a device no test machine has, such as a CUDA GPU. Exit 1 when they part.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Train --backend on --device and --against on --against-device side by side from the same "
                + "initial weights (the tutorial's SGD steps on the same batches); report the largest relative "
                + "differences of losses, gradient norms and parameters. Exit 1 when one exceeds --tolerance.")
final class BenchParityCommand implements Callable<Integer> {

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = {"-d", "--data"}, required = true, description = "Dataset folder or name.")
    private String data;

    @Option(names = "--against", defaultValue = "reference",
            description = "Backend to compare with (default: ${DEFAULT-VALUE}).")
    private String against;

    @Option(names = "--against-device", defaultValue = "cpu",
            description = "Device of the backend compared with (default: ${DEFAULT-VALUE}).")
    private String againstDevice;

    @Option(names = "--steps", defaultValue = "100", description = "Training steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "Largest relative difference allowed (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Mixin
    private JsonOption json;

    private Device againstDevice() {
        try {
            return Device.parse(againstDevice);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(e.getMessage() + " (from flag --against-device)");
        }
    }

    @Override
    public Integer call() {
        InvalidOptionException.fromFlags(() -> ParityUseCase.checkSteps(steps));
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InvalidOptionException("--tolerance must be a finite number at least 0, was " + tolerance);
        }
        Map<String, String> environment = bench.context().environment();
        TextclfConfig config = common.resolve(environment);
        ParityUseCase.Side actual = new ParityUseCase.Side(config.value(SettingKey.BACKEND),
                BackendRegistry.deviceOf(config.get(SettingKey.DEVICE)));
        ParityUseCase.Side expected = new ParityUseCase.Side(against, againstDevice());
        TrainingSettings settings = TrainingSettings.tutorial();
        PrintWriter err = spec.commandLine().getErr();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void onStage(String message) {
                err.println(message);
                err.flush();
            }
        };
        ParityUseCase.Comparison comparison = common.injector(environment).getInstance(ParityUseCase.class)
                .compare(data, expected, actual, steps, settings, observer);
        Lockstep.Result result = comparison.steps();
        boolean within = result.maxLossDifference() <= tolerance && result.maxNormDifference() <= tolerance
                && result.relativeParameterDifference() <= tolerance;
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.object("actual", Json.string(comparison.actual().toString()), "expected",
                    Json.string(comparison.expected().toString()),
                    "steps", Integer.toString(steps), "clipped_steps",
                    Integer.toString(result.clippedSteps(settings.clipNorm())),
                    "max_loss_difference", Json.number(result.maxLossDifference()),
                    "max_norm_difference", Json.number(result.maxNormDifference()),
                    "max_parameter_difference", Json.number(result.parameterDifference()),
                    "relative_parameter_difference", Json.number(result.relativeParameterDifference()),
                    "largest_move", Json.number(result.movement()),
                    "tolerance", Json.number(tolerance), "within", Boolean.toString(within)));
        } else {
            out.printf(Locale.ROOT, "parity of %s with %s over %d steps of %s (batch %d, lr %s, clip %s; %d clipped)%n",
                    comparison.actual(), comparison.expected(), steps, data, settings.batchSize(),
                    settings.learningRate(), settings.clipNorm(), result.clippedSteps(settings.clipNorm()));
            out.printf(Locale.ROOT, "loss           largest relative difference %.3e%n", result.maxLossDifference());
            out.printf(Locale.ROOT, "gradient norm  largest relative difference %.3e%n", result.maxNormDifference());
            out.printf(Locale.ROOT, "parameters     largest difference %.3e, relative %.3e (largest move %.3f)%n",
                    result.parameterDifference(), result.relativeParameterDifference(), result.movement());
            out.printf(Locale.ROOT, "%s %.0e relative%n", within ? "PASS: within" : "FAIL: beyond", tolerance);
        }
        out.flush();
        return within ? 0 : 1;
    }
}
