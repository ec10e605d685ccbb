package org.ccm.monthend.importing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys seen so far in one file, each with the line it was first seen at, to reject a later duplicate.
 * Keys live as bytes in one array, not as String objects: 20 to 40 bytes per key plus the key itself, so a
 * million-patient practice's conditions.csv (3 million keys) costs about 150 MiB less than a HashMap would. (time_entries.csv, the
 * big file, does not use it: a repeated entry_id there is an update by the upsert.)
 */
final class KeyLines {

    private byte[] bytes = new byte[1 << 16];
    private int used;
    /** Per slot: offset of the key in {@link #bytes} plus one (0 = empty slot). */
    private int[] offsets = new int[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int[] lines = new int[1 << 10];
    private int size;

    /** Records {@code key} at {@code line} and returns 0, or returns the line it was first seen at. */
    int putIfAbsent(String key, int line) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int hash = mix(Arrays.hashCode(k));
        int mask = offsets.length - 1;
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            if (offsets[slot] == 0) {
                offsets[slot] = store(k) + 1;
                hashes[slot] = hash;
                lines[slot] = line;
                if (++size > offsets.length / 10 * 7) {
                    grow();
                }
                return 0;
            }
            if (hashes[slot] == hash && sameKey(offsets[slot] - 1, k)) {
                return lines[slot];
            }
        }
    }

    int size() {
        return size;
    }

    private int store(byte[] k) {
        int needed = used + 4 + k.length;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, 2L * bytes.length)));
        }
        int offset = used;
        bytes[used++] = (byte) (k.length >>> 24);
        bytes[used++] = (byte) (k.length >>> 16);
        bytes[used++] = (byte) (k.length >>> 8);
        bytes[used++] = (byte) k.length;
        System.arraycopy(k, 0, bytes, used, k.length);
        used += k.length;
        return offset;
    }

    private boolean sameKey(int offset, byte[] k) {
        int length = (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                | (bytes[offset + 3] & 0xff);
        return length == k.length && Arrays.equals(bytes, offset + 4, offset + 4 + length, k, 0, k.length);
    }

    private void grow() {
        int[] oldOffsets = offsets;
        int[] oldHashes = hashes;
        int[] oldLines = lines;
        offsets = new int[oldOffsets.length * 2];
        hashes = new int[offsets.length];
        lines = new int[offsets.length];
        int mask = offsets.length - 1;
        for (int i = 0; i < oldOffsets.length; i++) {
            if (oldOffsets[i] != 0) {
                int slot = oldHashes[i] & mask;
                while (offsets[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                offsets[slot] = oldOffsets[i];
                hashes[slot] = oldHashes[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** Spreads the bits of a plain polynomial hash so that linear probing stays short (murmur3 finalizer). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
