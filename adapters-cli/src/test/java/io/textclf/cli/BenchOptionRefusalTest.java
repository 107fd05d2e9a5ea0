package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.textclf.application.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bench commands refuse an option value out of range as a usage error that names the flag, before any work. */
class BenchOptionRefusalTest {

    private static final String DATA = TestData.agNewsMini().toString();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.of("train", "-d", DATA, "--repeat", "0"), "--repeat must be at least 1, was 0"),
                Arguments.of(List.of("train", "-d", DATA, "--epochs", "0"), "--epochs must be in [1, 1000000], was 0"),
                Arguments.of(List.of("train", "-d", DATA, "--ngrams", "0"),
                        "--ngrams must be in [1, 16] (1: words only), was 0"),
                Arguments.of(List.of("parity", "-d", DATA, "--steps", "0"), "--steps must be at least 1, was 0"),
                Arguments.of(List.of("parity", "-d", DATA, "--tolerance", "-1"),
                        "--tolerance must be a finite number at least 0, was -1.0"),
                Arguments.of(List.of("parity", "-d", DATA, "--tolerance", "NaN"),
                        "--tolerance must be a finite number at least 0, was NaN"),
                Arguments.of(List.of("parity", "-d", DATA, "--against-device", "tpu"),
                        "unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from flag --against-device)"),
                Arguments.of(List.of("parity", "-d", DATA, "--device", "tpu"),
                        "unknown device 'tpu': expected cpu, cuda, cuda:N or auto (from flag)"),
                Arguments.of(List.of("step", "-d", DATA, "--iterations", "0"), "--iterations must be at least 1, was 0"),
                Arguments.of(List.of("step", "-d", DATA, "--forks", "-1"),
                        "--forks must be at least 0 (0: in this JVM), was -1"),
                Arguments.of(List.of("soak", "-d", DATA, "--classify-threads", "0"),
                        "--classify-threads must be in [1, 256], was 0"),
                Arguments.of(List.of("soak", "-d", DATA, "--texts-per-call", "1025"),
                        "--texts-per-call must be in [1, 1024], was 1025"),
                Arguments.of(List.of("soak", "-d", DATA, "--train-every", "0s"), "--train-every must be positive, was 0 s"),
                Arguments.of(List.of("serve", "--texts", DATA, "--concurrency", "0"),
                        "--concurrency must be in [1, 10000], was 0"),
                Arguments.of(List.of("serve", "--texts", DATA, "--duration", "0"),
                        "--duration must be positive and at most 7 days, was 0 s"),
                Arguments.of(List.of("serve", "--texts", DATA, "--duration", "1000000"),
                        "--duration must be positive and at most 7 days, was 1000000 s"),
                Arguments.of(List.of("serve", "--texts", DATA, "--warmup", "-1"),
                        "--warmup must not be negative or more than 7 days, was -1 s"),
                Arguments.of(List.of("serve", "--texts", DATA, "--tls-ca", "no-such.pem"),
                        "cannot read --tls-ca no-such.pem: no such file"),
                Arguments.of(List.of("serve", "--texts", DATA, "--rate", "-2"),
                        "--rate must be 0 (unlimited) or positive, was -2.0"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesAValueOutOfRangeNamingItsFlag(List<String> args, String message) {
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(args);
        CliRun run = CliRun.of(command.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("textclf: error: " + message, run.err().strip());
        assertEquals("", run.out(), "refused before any work");
    }

    @Test
    void soakRefusesACallLogFormatOrMissingDataBeforeMakingItsFolder(@TempDir Path dir) {
        Path work = dir.resolve("soak");
        CliRun format = CliRun.of("bench", "soak", "-d", DATA, "--work", work.toString(), "--duration", "1s",
                "--call-log", "bogus");
        assertEquals(2, format.exitCode(), format.err());
        assertEquals("textclf: error: call log format 'bogus' is not one of text, json, off", format.err().strip());
        CliRun missing = CliRun.of("bench", "soak", "-d", dir.resolve("nowhere").toString(), "--work", work.toString(),
                "--duration", "1s");
        assertEquals(1, missing.exitCode(), missing.err());
        assertEquals("", missing.out(), "no header before the refusal");
        assertFalse(Files.exists(work), "no folder is left behind");
    }

    @Test
    void soakRefusesBeforeMakingItsFolder(@TempDir Path dir) {
        Path work = dir.resolve("soak");
        CliRun run = CliRun.of("bench", "soak", "-d", DATA, "--work", work.toString(), "--duration", "1s",
                "--texts-per-call", "0");
        assertEquals(2, run.exitCode(), run.err());
        assertFalse(Files.exists(work), "no folder is left behind by a refused soak");
    }
}
