package io.textclf.domain.text;

import java.util.Arrays;

/**
 * Distinct tokens with dense ids ({@code 0 .. size()-1}, in order of first insertion) and an
 * occurrence count each, in an open-addressing hash table of primitive arrays: the tokens' characters
 * lie one after the other in one pool, so counting or looking up a range of characters makes no
 * string and boxes nothing; a token's string is made only when {@link #token(int)} asks for it. The
 * hash is {@link String#hashCode()}'s, so a string key uses its cached hash.
 *
 * <p>Not thread-safe while it changes; lookups on a table no longer changed may run concurrently
 * ({@link #token(int)} excepted: it caches the strings it makes).
 */
public final class TokenTable {

    private char[] pool;
    private int used;
    /** Token {@code id} is {@code pool[offsets[id] .. offsets[id + 1])}. */
    private int[] offsets;
    private String[] strings;
    private int[] counts;
    private int[] hashes;
    /** Slot to id + 1; 0 marks an empty slot. */
    private int[] slots;
    private int size;

    public TokenTable() {
        this(1024);
    }

    /** @param expected about how many distinct tokens will be added */
    public TokenTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        int ids = Math.max(16, expected);
        strings = new String[ids];
        counts = new int[ids];
        hashes = new int[ids];
        offsets = new int[ids + 1];
        pool = new char[8 * ids];
    }

    public int size() {
        return size;
    }

    /** A table of the same tokens, ids and counts that changes independently of this one. */
    TokenTable copy() {
        TokenTable copy = new TokenTable(1);
        copy.pool = pool.clone();
        copy.used = used;
        copy.offsets = offsets.clone();
        copy.strings = strings.clone();
        copy.counts = counts.clone();
        copy.hashes = hashes.clone();
        copy.slots = slots.clone();
        copy.size = size;
        return copy;
    }

    /** The token of {@code id} as a string (made at the first call, then kept). */
    public String token(int id) {
        String token = strings[id];
        if (token == null) {
            token = new String(pool, offsets[id], offsets[id + 1] - offsets[id]);
            strings[id] = token;
        }
        return token;
    }

    public int count(int id) {
        return counts[id];
    }

    /** Hands every token to {@code sink} as a range of the pool, in id order; no string is made. */
    public void forEachToken(TokenSink sink) {
        for (int id = 0; id < size; id++) {
            sink.token(pool, offsets[id], offsets[id + 1]);
        }
    }

    /** Counts one more occurrence of {@code chars[start .. end)}; returns its id. */
    public int add(char[] chars, int start, int end) {
        return add(chars, start, end, 1);
    }

    /** Counts {@code occurrences} more of {@code chars[start .. end)}; returns its id. */
    public int add(char[] chars, int start, int end, int occurrences) {
        int hash = hash(chars, start, end);
        int slot = slotFor(hash, null, chars, start, end);
        if (slots[slot] != 0) {
            return count(slot, occurrences);
        }
        int id = append(hash, occurrences, end - start);
        System.arraycopy(chars, start, pool, offsets[id], end - start);
        return insert(slot, id);
    }

    /** Counts {@code occurrences} more of {@code token}; returns its id. */
    public int add(String token, int occurrences) {
        int hash = token.hashCode();
        int slot = slotFor(hash, token, null, 0, 0);
        if (slots[slot] != 0) {
            return count(slot, occurrences);
        }
        int id = append(hash, occurrences, token.length());
        token.getChars(0, token.length(), pool, offsets[id]);
        strings[id] = token;
        return insert(slot, id);
    }

    /** The id of {@code chars[start .. end)}, or -1 when it is not in the table. */
    public int indexOf(char[] chars, int start, int end) {
        return slots[slotFor(hash(chars, start, end), null, chars, start, end)] - 1;
    }

    /** The id of {@code token}, or -1 when it is not in the table. */
    public int indexOf(String token) {
        return slots[slotFor(token.hashCode(), token, null, 0, 0)] - 1;
    }

    /**
     * The slot of the token ({@code token}, or {@code chars[start .. end)} when {@code token} is null),
     * or the empty slot where it would go.
     */
    private int slotFor(int hash, String token, char[] chars, int start, int end) {
        int mask = slots.length - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return slot;
            }
            int id = entry - 1;
            if (hashes[id] == hash && (token != null ? equal(id, token)
                    : Arrays.equals(pool, offsets[id], offsets[id + 1], chars, start, end))) {
                return slot;
            }
        }
    }

    private boolean equal(int id, String token) {
        int start = offsets[id];
        if (offsets[id + 1] - start != token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (pool[start + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int count(int slot, int occurrences) {
        int id = slots[slot] - 1;
        counts[id] += occurrences;
        return id;
    }

    /** Makes room for a new token of {@code length} characters at {@code offsets[id]}; returns its id. */
    private int append(int hash, int occurrences, int length) {
        if (size == counts.length) {
            int capacity = size * 2;
            strings = Arrays.copyOf(strings, capacity);
            counts = Arrays.copyOf(counts, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            offsets = Arrays.copyOf(offsets, capacity + 1);
        }
        if (used + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, used + length));
        }
        counts[size] = occurrences;
        hashes[size] = hash;
        used += length;
        offsets[size + 1] = used;
        return size++;
    }

    private int insert(int slot, int id) {
        slots[slot] = id + 1;
        growIfFull();
        return id;
    }

    /** Keeps the load factor at most one half. */
    private void growIfFull() {
        if (size * 2 <= slots.length) {
            return;
        }
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = mix(hashes[id]) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = id + 1;
        }
        slots = grown;
    }

    /** {@link String#hashCode()} of the range. */
    private static int hash(char[] chars, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /** Spreads the bits of a string hash over the slot index (Murmur3's finalizer). */
    private static int mix(int hash) {
        int h = hash ^ (hash >>> 16);
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
