package io.textclf.domain.text;

import java.util.Arrays;

/**
 * Distinct tokens with dense ids ({@code 0 .. size()-1}, in order of first insertion) and an
 * occurrence count each, in an open-addressing hash table of primitive arrays: looking a token up
 * by a range of characters makes no string and boxes nothing; a string is made once per distinct
 * token. The hash is {@link String#hashCode()}'s, so a string key uses its cached hash.
 *
 * <p>Not thread-safe while it changes; lookups on a table no longer changed may run concurrently.
 */
public final class TokenTable {

    private String[] tokens;
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
        tokens = new String[Math.max(16, expected)];
        counts = new int[tokens.length];
        hashes = new int[tokens.length];
    }

    public int size() {
        return size;
    }

    public String token(int id) {
        return tokens[id];
    }

    public int count(int id) {
        return counts[id];
    }

    /** Counts one more occurrence of {@code chars[start .. end)}; returns its id. */
    public int add(char[] chars, int start, int end) {
        return add(chars, start, end, 1);
    }

    /** Counts {@code occurrences} more of {@code chars[start .. end)}; returns its id. */
    public int add(char[] chars, int start, int end, int occurrences) {
        int hash = hash(chars, start, end);
        int slot = slotFor(hash, null, chars, start, end);
        return slots[slot] != 0 ? count(slot, occurrences)
                : insert(slot, new String(chars, start, end - start), hash, occurrences);
    }

    /** Counts {@code occurrences} more of {@code token}; returns its id. */
    public int add(String token, int occurrences) {
        int hash = token.hashCode();
        int slot = slotFor(hash, token, null, 0, 0);
        return slots[slot] != 0 ? count(slot, occurrences) : insert(slot, token, hash, occurrences);
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
            if (hashes[id] == hash
                    && (token != null ? tokens[id].equals(token) : equal(tokens[id], chars, start, end))) {
                return slot;
            }
        }
    }

    private int count(int slot, int occurrences) {
        int id = slots[slot] - 1;
        counts[id] += occurrences;
        return id;
    }

    private int insert(int slot, String token, int hash, int occurrences) {
        int id = append(token, hash, occurrences);
        slots[slot] = id + 1;
        growIfFull();
        return id;
    }

    private int append(String token, int hash, int occurrences) {
        if (size == tokens.length) {
            int capacity = size * 2;
            tokens = Arrays.copyOf(tokens, capacity);
            counts = Arrays.copyOf(counts, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        tokens[size] = token;
        counts[size] = occurrences;
        hashes[size] = hash;
        return size++;
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

    private static boolean equal(String token, char[] chars, int start, int end) {
        int length = end - start;
        if (token.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (token.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }
}
