package io.textclf.domain.model;

import java.util.Arrays;

/**
 * The distinct token ids of a {@link TokenBatch} in order of first occurrence, for every token the
 * position of its id among them, and where each id's gradient goes ({@link GradientRows}): what a model
 * that keeps one embedding-gradient row per distinct token needs. It depends on the batch alone (its ids
 * and where its documents start), so a training loop can find it on another core while the model still
 * trains on the previous batch ({@link TrainableModel#forward(TokenBatch, DistinctRows)});
 * {@link #foundFor} tells whether it belongs to a batch. Only a {@link Finder} makes one, so the arrays
 * always agree; callers must not change them.
 *
 * <p>A finder that {@linkplain Finder#Finder(int, boolean) compares each batch with the one before} also says which
 * of the previous batch's distinct rows this batch reads again ({@link #previousSlotsReadAgain()}), so that a model
 * that updates those before this batch's forward pass can leave the others to another core, and which of its own
 * rows the previous batch lacked ({@link #newRows()}).
 */
public final class DistinctRows {

    private final TokenBatch batch;
    private final int[] rows;
    private final int[] slots;
    private final GradientRows gradientRows;
    private final Finder finder;
    private final long serial;
    private final int[] previousSlotsReadAgain;
    private final int[] previousSlotsNotReadAgain;
    private final int[] newRows;

    private DistinctRows(TokenBatch batch, int[] rows, int[] slots, GradientRows gradientRows, Finder finder,
                         long serial, int[] previousSlotsReadAgain, int[] previousSlotsNotReadAgain, int[] newRows) {
        this.batch = batch;
        this.rows = rows;
        this.slots = slots;
        this.gradientRows = gradientRows;
        this.finder = finder;
        this.serial = serial;
        this.previousSlotsReadAgain = previousSlotsReadAgain;
        this.previousSlotsNotReadAgain = previousSlotsNotReadAgain;
        this.newRows = newRows;
    }

    /** Whether these are the distinct rows of {@code other}: the same ids in the same documents. */
    public boolean foundFor(TokenBatch other) {
        return other == batch || Arrays.equals(other.tokenIds(), batch.tokenIds())
                && Arrays.equals(other.offsets(), batch.offsets());
    }

    /** The distinct ids, in order of first occurrence. */
    public int[] rows() {
        return rows;
    }

    /** One per token: {@code slots()[t]} is the index in {@link #rows()} of the id of token {@code t}. */
    public int[] slots() {
        return slots;
    }

    /** Where the gradient of each distinct row goes. */
    public GradientRows gradientRows() {
        return gradientRows;
    }

    /**
     * Where each distinct row's gradient goes in a buffer of {@code shared} rows and then one row per document of the
     * batch, for a model whose gradient of a row is the sum of the gradients of the documents of the tokens that have
     * it: the rows that several tokens have get a row of their own, to add those up in; a row that a single token has
     * takes that token's document's gradient where it is.
     *
     * @param shared           how many distinct rows get a buffer row of their own: the buffer's first rows, in order
     *                         of first occurrence; those that several tokens have, or every distinct row from a
     *                         finder made by {@link Finder#everyRowShared}
     * @param ofSlot           one per distinct row: its row in the buffer, {@code shared + d} for a row that a single
     *                         token has, in document {@code d}
     * @param ofSharedTokens   the buffer rows of the tokens whose rows other tokens have too, in order of tokens
     * @param sharedTokensFrom one per document and one more: the shared tokens of document {@code d} are
     *                         {@code ofSharedTokens[sharedTokensFrom[d] .. sharedTokensFrom[d + 1])}
     */
    public record GradientRows(int shared, int[] ofSlot, int[] ofSharedTokens, int[] sharedTokensFrom) {
    }

    /**
     * Whether {@code previous} is the batch that this one's finder found just before it, and the finder compared the
     * two: the batch that {@link #previousSlotsReadAgain()} and {@link #previousSlotsNotReadAgain()} are about.
     */
    public boolean follows(DistinctRows previous) {
        return previous != null && finder.comparesWithPrevious && previous.finder == finder
                && previous.serial + 1 == serial;
    }

    /**
     * The slots (indices in the previous batch's {@link #rows()}) of its distinct rows that this batch reads too, in
     * increasing order; empty after none, or from a finder that does not compare.
     */
    public int[] previousSlotsReadAgain() {
        return previousSlotsReadAgain;
    }

    /** The other slots of the previous batch's distinct rows, those this batch does not read, in increasing order. */
    public int[] previousSlotsNotReadAgain() {
        return previousSlotsNotReadAgain;
    }

    /**
     * The distinct rows of this batch that the previous batch did not have, in order of first occurrence; from a finder
     * that does not compare, all of them.
     */
    public int[] newRows() {
        return newRows;
    }

    /**
     * Finds the distinct rows of batches with ids in {@code [0, vocabSize)}, one batch after the other. It holds
     * an int per id, so one finder serves one thread and many batches.
     */
    public static final class Finder {
        private static final int[] NONE = new int[0];
        /** The slot of each id in the batch being looked at, -1 for the others (all -1 between calls). */
        private final int[] slotOfId;
        private final boolean comparesWithPrevious;
        private final boolean everyRowShared;
        private long found;
        private int[] previousRows = new int[0];
        private int[] slotsReadAgain = new int[0];
        private int[] slotsNotReadAgain = new int[0];
        private int readAgain;
        private int notReadAgain;
        /**
         * Whether slot {@code s} of the batch being looked at holds a row of the previous batch (false between calls),
         * and one element more, which nothing reads.
         */
        private boolean[] inPrevious = new boolean[1];
        /** The rows of the batch being looked at by slot, then its new rows (scratch: a call hands out copies). */
        private int[] rows = new int[0];
        /** Whether a single token of the batch being looked at has the row of slot {@code s} (scratch, as rows). */
        private boolean[] once = new boolean[0];
        /** The buffer rows of the shared tokens of the batch being looked at (scratch, as rows). */
        private int[] sharedTokens = new int[0];

        /** A finder that does not compare batches: it leaves out the work that only background updates use. */
        public Finder(int vocabSize) {
            this(vocabSize, false);
        }

        /**
         * @param comparesWithPrevious whether each batch found is compared with the one before
         *                             ({@link DistinctRows#previousSlotsReadAgain()}, {@link DistinctRows#newRows()})
         */
        public Finder(int vocabSize, boolean comparesWithPrevious) {
            this(vocabSize, comparesWithPrevious, false);
        }

        private Finder(int vocabSize, boolean comparesWithPrevious, boolean everyRowShared) {
            slotOfId = new int[vocabSize];
            Arrays.fill(slotOfId, -1);
            this.comparesWithPrevious = comparesWithPrevious;
            this.everyRowShared = everyRowShared;
        }

        /**
         * A finder for the thread that trains on the batches itself: every distinct row gets a gradient row of its
         * own ({@link GradientRows#shared()} is the number of distinct rows), which spares that thread the passes
         * that tell the rows a single token has. It does not compare batches.
         */
        public static Finder everyRowShared(int vocabSize) {
            return new Finder(vocabSize, false, true);
        }

        /**
         * The distinct rows of {@code batch}, and which distinct rows of the batch this finder found before it the
         * batch reads again.
         *
         * @throws IllegalArgumentException when an id is outside {@code [0, vocabSize)}
         */
        public DistinctRows find(TokenBatch batch) {
            int[] tokenIds = batch.tokenIds();
            int[] slots = new int[tokenIds.length];
            int count = 0;
            if (rows.length < tokenIds.length) {
                rows = new int[tokenIds.length];
                inPrevious = new boolean[tokenIds.length + 1];
                once = new boolean[tokenIds.length];
                sharedTokens = new int[tokenIds.length];
            }
            try {
                for (int t = 0; t < tokenIds.length; t++) {
                    int id = tokenIds[t];
                    if (id < 0 || id >= slotOfId.length) {
                        throw batch.outsideVocabulary(t, slotOfId.length);
                    }
                    // without branches on whether the id is new (half of a bigram batch's are, in no pattern a
                    // branch predictor can learn): rows[count] is written either way and kept only when it is
                    int slot = slotOfId[id];
                    int fresh = slot >>> 31;
                    slot += fresh * (count - slot);
                    rows[count] = id;
                    count += fresh;
                    slotOfId[id] = slot;
                    once[slot] = fresh != 0;
                    slots[t] = slot;
                }
                if (comparesWithPrevious) {
                    splitPreviousRows();
                }
            } finally {
                for (int s = 0; s < count; s++) {
                    slotOfId[rows[s]] = -1;
                }
            }
            int[] distinct = Arrays.copyOf(rows, count);
            GradientRows gradientRows = everyRowShared ? everyRowShared(slots, batch.offsets(), count)
                    : gradientRows(slots, batch.offsets(), count);
            if (!comparesWithPrevious) {
                return new DistinctRows(batch, distinct, slots, gradientRows, this, ++this.found, NONE, NONE,
                        distinct);
            }
            int fresh = 0;
            for (int s = 0; s < count; s++) {
                rows[fresh] = distinct[s];
                fresh += inPrevious[s] ? 0 : 1;
                inPrevious[s] = false;
            }
            previousRows = distinct;
            return new DistinctRows(batch, distinct, slots, gradientRows, this, ++this.found,
                    Arrays.copyOf(slotsReadAgain, readAgain),
                    Arrays.copyOf(slotsNotReadAgain, notReadAgain), Arrays.copyOf(rows, fresh));
        }

        /** Gradient rows for every slot in order: the slots themselves. */
        private static GradientRows everyRowShared(int[] slots, int[] offsets, int count) {
            int[] ofSlot = new int[count];
            for (int s = 0; s < count; s++) {
                ofSlot[s] = s;
            }
            int[] from = Arrays.copyOf(offsets, offsets.length + 1);
            from[offsets.length] = slots.length;
            return new GradientRows(count, ofSlot, slots, from);
        }

        /** The gradient rows of the batch just looked at ({@code once} holds its slots'). */
        private GradientRows gradientRows(int[] slots, int[] offsets, int count) {
            // without branches, as in find: a single token's slot gets its row in the second loop
            int[] ofSlot = new int[count];
            int shared = 0;
            for (int s = 0; s < count; s++) {
                ofSlot[s] = shared;
                shared += once[s] ? 0 : 1;
            }
            int[] from = new int[offsets.length + 1];
            int tokens = 0;
            for (int d = 0; d < offsets.length; d++) {
                from[d] = tokens;
                int end = d + 1 < offsets.length ? offsets[d + 1] : slots.length;
                for (int t = offsets[d]; t < end; t++) {
                    int slot = slots[t];
                    int row = ofSlot[slot];
                    boolean single = once[slot];
                    ofSlot[slot] = single ? shared + d : row;
                    sharedTokens[tokens] = row;
                    tokens += single ? 0 : 1;
                }
            }
            from[offsets.length] = tokens;
            return new GradientRows(shared, ofSlot, Arrays.copyOf(sharedTokens, tokens), from);
        }

        /**
         * Sorts the previous batch's slots by whether the batch being looked at has their rows, and marks the slots of
         * the rows it has ({@code inPrevious}).
         */
        private void splitPreviousRows() {
            if (slotsReadAgain.length < previousRows.length) {
                slotsReadAgain = new int[previousRows.length];
                slotsNotReadAgain = new int[previousRows.length];
            }
            readAgain = 0;
            notReadAgain = 0;
            // without branches, as in find: a row not read again marks the spare last element of inPrevious
            int spare = inPrevious.length - 1;
            for (int s = 0; s < previousRows.length; s++) {
                int slot = slotOfId[previousRows[s]];
                int again = ~slot >>> 31;
                inPrevious[again != 0 ? slot : spare] = true;
                slotsReadAgain[readAgain] = s;
                slotsNotReadAgain[notReadAgain] = s;
                readAgain += again;
                notReadAgain += 1 - again;
            }
        }
    }
}
