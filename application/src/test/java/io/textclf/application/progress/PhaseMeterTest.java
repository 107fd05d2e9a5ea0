package io.textclf.application.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a phase tells its listener: its start, steps, and its end once. */
class PhaseMeterTest {

    private final List<PhaseProgress> told = new ArrayList<>();
    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void onProgress(PhaseProgress progress) {
            told.add(progress);
        }
    };

    @Test
    void aPhaseReportsItsStartAndItsEnd() {
        PhaseMeter reading = new PhaseMeter(listener, "reading", 1000, PhaseProgress.BYTES);
        reading.add(1000);
        reading.finish();
        assertEquals(List.of(new PhaseProgress("reading", 0, 1000, PhaseProgress.BYTES),
                new PhaseProgress("reading", 1000, 1000, PhaseProgress.BYTES)), told);
    }

    @Test
    void anEmptyPhaseIsDoneOnceNotTwice() {
        new PhaseMeter(listener, "reading", 0, PhaseProgress.BYTES).finish();
        assertEquals(List.of(new PhaseProgress("reading", 0, 0, PhaseProgress.BYTES)), told);
    }

    @Test
    void aNextPhaseStartsWithItsFirstUnitsAndEndsThePreviousOne() {
        PhaseMeter tokenizing = new PhaseMeter(listener, "tokenizing", 10, PhaseProgress.DOCUMENTS);
        PhaseMeter encoding = tokenizing.next("encoding", 10, PhaseProgress.DOCUMENTS);
        assertEquals(1, told.size(), "encoding has not started");
        encoding.add(10);
        encoding.finish();
        assertEquals(List.of(new PhaseProgress("tokenizing", 0, 10, PhaseProgress.DOCUMENTS),
                new PhaseProgress("tokenizing", 10, 10, PhaseProgress.DOCUMENTS),
                new PhaseProgress("encoding", 0, 10, PhaseProgress.DOCUMENTS),
                new PhaseProgress("encoding", 10, 10, PhaseProgress.DOCUMENTS)), told);
    }
}
