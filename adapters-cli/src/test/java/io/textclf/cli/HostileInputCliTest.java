package io.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile or careless user gives the command: each is a one-line error and exit 1 or 2. */
class HostileInputCliTest {

    @TempDir
    Path dir;

    @Test
    void aBatchSizeThatWouldOverflowIsAUsageError() {
        CliRun run = CliRun.of("train", "--data", TestData.agNewsMini().toString(), "-o",
                dir.resolve("m.textclf").toString(), "--batch-size", "2147483647");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("batch size must be in [1, 1048576], was 2147483647"), run.err());
    }
}
