package io.textclf.cli;

import io.textclf.cli.bench.TrainStepBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textclf bench step}: JMH throughput of one training step, per backend, on real batches. */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = "JMH: training steps per second (batch 64, real documents) for each backend.")
final class BenchStepCommand implements Callable<Integer> {

    @Mixin
    private VerboseOption verbose;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-d", "--data"}, required = true, description = "Dataset folder or name the batches come from.")
    private String data;

    @Option(names = "--backends", split = ",", defaultValue = "reference",
            description = "Backends to measure (default: ${DEFAULT-VALUE}).")
    private List<String> backends;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations of 2 s (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--forks", defaultValue = "1",
            description = "JMH forks, 0 to measure in this JVM (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Mixin
    private JsonOption json;

    /** The JDK's Vector API: the forks get it when this JVM has it, as the reference backend's SIMD kernels need. */
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Override
    public Integer call() throws RunnerException, IOException {
        if (iterations < 1) {
            throw new InvalidOptionException("--iterations must be at least 1, was " + iterations);
        }
        if (forks < 0) {
            throw new InvalidOptionException("--forks must be at least 0 (0: in this JVM), was " + forks);
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-XX:+UseParallelGC",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=0", "-Dorg.bytedeco.javacpp.maxbytes=0"));
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
                "org.bytedeco.javacpp.cachedir")) {
            String value = System.getProperty(property);
            if (value != null) {
                jvmArgs.add("-D" + property + "=" + value);
            }
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            jvmArgs.add("--add-modules=" + VECTOR_MODULE);
        }
        TrainStepBenchmark.checkParams(data, backends);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TrainStepBenchmark.class.getName())
                .param("backend", backends.toArray(String[]::new))
                .param("data", Files.isDirectory(Path.of(data)) ? Path.of(data).toAbsolutePath().toString() : data)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
                .forks(forks)
                .jvmArgs(jvmArgs.toArray(String[]::new));
        Optional<Path> jmhLog = json.json ? Optional.of(Files.createTempFile(
                "textclf-jmh", ".log")) : Optional.empty();
        jmhLog.ifPresent(log -> options.output(log.toString()));
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() < backends.size()) {
            throw new IllegalArgumentException("JMH measured " + results.size() + " of the " + backends.size()
                    + " backends; its output " + jmhLog.map(log -> "in " + log).orElse("above") + " says why");
        }
        var out = spec.commandLine().getOut();
        var table = json.json ? spec.commandLine().getErr() : out;
        table.println();
        table.printf("%-10s %14s %10s%n", "backend", "steps/s", "+-99.9%");
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            table.printf(Locale.ROOT, "%-10s %14.1f %10.1f%n", result.getParams().getParam("backend"),
                    primary.getScore(), primary.getScoreError());
        }
        table.flush();
        if (json.json) {
            out.println(Json.array(results.stream().map(result -> Json.object(
                    "backend", Json.string(result.getParams().getParam("backend")),
                    "steps_per_second", Json.number(result.getPrimaryResult().getScore()),
                    "error_99_9", Json.number(result.getPrimaryResult().getScoreError()))).toList()));
            out.flush();
            Files.deleteIfExists(jmhLog.orElseThrow());
        }
        return 0;
    }
}
