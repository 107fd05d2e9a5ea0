package io.textclf.domain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a diverged run advises: the initial range too when it is far above the tutorial's. */
class TrainingDivergedExceptionTest {

    @Test
    void aHugeInitialRangeIsNamedFirst() {
        assertEquals("training diverged in epoch 1 (the loss is not a finite number at learning rate 5.0): lower "
                + "--init-range (1.0E30, the tutorial's is 0.5), --lr or --clip-norm",
                new TrainingDivergedException(1, 5.0, 1e30).getMessage());
        assertEquals("training diverged in epoch 3 (the loss is not a finite number at learning rate 500.0): lower "
                + "--lr or --clip-norm", new TrainingDivergedException(3, 500.0, 0.5).getMessage());
    }
}
