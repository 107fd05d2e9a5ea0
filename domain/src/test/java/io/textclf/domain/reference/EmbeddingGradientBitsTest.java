package io.textclf.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textclf.domain.model.DistinctRows;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.model.TokenBatch;
import io.textclf.domain.model.UniformInitializer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The embedding gradient of every distinct row of a batch, and the gradient norm, have the very bits of the plain
 * definition: one zeroed row per distinct row, to which each token adds its document's gradient (that of the
 * document's mean), in order of documents and tokens. The model keeps such a row only for the rows that several
 * tokens share, and lets a row that a single token has read its document's gradient where it is.
 */
class EmbeddingGradientBitsTest {

    private static final int VOCAB = 30;
    private static final int CLASSES = 5;

    @Test
    void everyRowsGradientAndTheNormAreTheSumFromZeros() {
        for (int dim : new int[] {64, 7}) {
            StateDict initial = new UniformInitializer(0.5, 3).initialize(new ModelDims(VOCAB, dim, CLASSES));
            for (RowKernels kernels : new RowKernels[] {new ScalarRowKernels(), new SimdRowKernels()}) {
                Random random = new Random(11);
                ReferenceModel model = new ReferenceModel(initial, kernels, Long.MAX_VALUE);
                DistinctRows.Finder finder = new DistinctRows.Finder(VOCAB);
                for (int step = 0; step < 40; step++) {
                    TokenBatch batch = randomBatch(random);
                    // rows found beforehand, or by the model itself
                    model.forward(batch, step % 2 == 0 ? finder.find(batch) : null);
                    float[] logitGradient = new float[batch.size() * CLASSES];
                    for (int i = 0; i < logitGradient.length; i++) {
                        logitGradient[i] = random.nextFloat() - 0.5f;
                    }
                    model.backward(logitGradient);
                    assertSameBits(model, batch, logitGradient, kernels.describe() + ", dim " + dim + ", step " + step);
                }
            }
        }
    }

    /** A document's gradient that rounds to -0 (a tiny negative halved) gives its single token's row +0, as 0 + -0. */
    @Test
    void aSingleTokensRowHasPlusZeroWhereItsDocumentsGradientIsMinusZero() {
        int dim = 16;
        float[] fcWeight = new float[CLASSES * dim];
        Arrays.fill(fcWeight, 0, dim, 1f);
        StateDict initial = StateDict.of(new Tensor(new int[] {VOCAB, dim}, new float[VOCAB * dim]),
                new Tensor(new int[] {CLASSES, dim}, fcWeight), new Tensor(new int[] {CLASSES}, new float[CLASSES]));
        // the second document's rows 5 and 6 are its alone
        TokenBatch batch = TokenBatch.of(new int[] {1, 2}, new int[] {5, 6});
        float[] logitGradient = new float[2 * CLASSES];
        logitGradient[CLASSES] = -Float.MIN_VALUE;
        for (RowKernels kernels : new RowKernels[] {new ScalarRowKernels(), new SimdRowKernels()}) {
            ReferenceModel model = new ReferenceModel(initial, kernels, Long.MAX_VALUE);
            model.forward(batch, new DistinctRows.Finder(VOCAB).find(batch));
            model.backward(logitGradient);
            assertSameBits(model, batch, logitGradient, kernels.describe());
            assertEquals(Float.floatToRawIntBits(0f),
                    Float.floatToRawIntBits(model.rowGradients()[model.gradientOffset(2)]), "row 5: +0, not -0");
        }
    }

    private static TokenBatch randomBatch(Random random) {
        int[][] documents = new int[1 + random.nextInt(9)][];
        for (int d = 0; d < documents.length; d++) {
            // some empty documents, ids repeated within and across documents, and ids of one token only
            documents[d] = random.ints(random.nextInt(12), 0, VOCAB).toArray();
        }
        return TokenBatch.of(documents);
    }

    /** Compares the model's gradients with the plain definition, computed here with the plain-Java kernels. */
    private static void assertSameBits(ReferenceModel model, TokenBatch batch, float[] logitGradient, String where) {
        ScalarRowKernels plain = new ScalarRowKernels();
        int dim = model.dims().embeddingDim();
        int touched = model.touchedCount();
        int[] slotOfRow = new int[VOCAB];
        Arrays.fill(slotOfRow, -1);
        for (int s = 0; s < touched; s++) {
            slotOfRow[model.touchedRow(s)] = s;
        }
        float[] expected = new float[touched * dim];
        for (int r = 0; r < batch.size(); r++) {
            int length = batch.end(r) - batch.start(r);
            if (length == 0) {
                continue;
            }
            float[] document = new float[dim];
            plain.addWeightedRows(document, 0, logitGradient, r * CLASSES, 1, model.fcWeightValues(), 0, dim, CLASSES,
                    dim);
            plain.scale(document, 0, 1f / length, dim);
            for (int t = batch.start(r); t < batch.end(r); t++) {
                plain.add(expected, slotOfRow[batch.tokenIds()[t]] * dim, document, 0, dim);
            }
        }
        float[] actual = model.rowGradients();
        for (int s = 0; s < touched; s++) {
            for (int i = 0; i < dim; i++) {
                assertEquals(Float.floatToRawIntBits(expected[s * dim + i]),
                        Float.floatToRawIntBits(actual[model.gradientOffset(s) + i]),
                        where + ": row " + model.touchedRow(s) + ", element " + i);
            }
        }
        double sum = plain.sumOfSquares(model.fcWeightGradient(), model.fcWeightGradient().length)
                + plain.sumOfSquares(model.fcBiasGradient(), model.fcBiasGradient().length)
                + plain.sumOfSquares(expected, expected.length);
        assertEquals(Math.sqrt(sum), model.gradientNorm(), 0.0, where + ": the gradient norm");
    }
}
